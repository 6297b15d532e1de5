namespace LifetimeValue.Orleans.Tests;

public sealed class ClusterSmokeTests
{
    [Test]
    public void Package_Loads() => typeof(OrleansSimulation).Assembly.GetName().Name.Should().Be("LifetimeValue.Orleans");
}
