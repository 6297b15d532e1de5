namespace LifetimeValue.Samples.Tests;

public sealed class SmokeTests
{
    [Test]
    public void Core_assembly_loads() => typeof(LifetimeValue.Presets).Assembly.GetName().Name.Should().Be("LifetimeValue");
}
