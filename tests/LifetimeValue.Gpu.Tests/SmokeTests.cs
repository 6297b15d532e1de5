namespace LifetimeValue.Gpu.Tests;

public sealed class SmokeTests
{
    [Test]
    public void Engine_type_is_public() => typeof(GpuEngine).IsPublic.Should().BeTrue();
}
