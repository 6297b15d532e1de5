using ILGPU;
using ILGPU.Runtime;
using ILGPU.Runtime.CPU;
using LifetimeValue.Gpu.Internal;
using LifetimeValue.Random;

namespace LifetimeValue.Gpu.Tests;

public sealed class DevicePhiloxTests
{
    [Test]
    public void Generate_InKernel_Random123KnownAnswerZeroCounterZeroKey()
    {
        var words = RunInKernel([0, 0, 0, 0, 0, 0]);

        words.Should().Equal([0x6627e8d5u, 0xe169c58du, 0xbc57ac4cu, 0x9b00dbd8u],
            "Random123 kat_vectors: philox4x32 10 rounds, counter 0 and key 0");
    }

    [Test]
    public void Generate_InKernel_Random123KnownAnswerAllOnes()
    {
        var words = RunInKernel([uint.MaxValue, uint.MaxValue, uint.MaxValue, uint.MaxValue, uint.MaxValue, uint.MaxValue]);

        words.Should().Equal([0x408f276du, 0x41c83b0eu, 0xa20bc7c6u, 0x6d5451fdu],
            "Random123 kat_vectors: philox4x32 10 rounds, counter and key all ones");
    }

    [Test]
    public void Generate_InKernel_EqualsHostGeneratorOnRandomCounters()
    {
        var rng = new System.Random(42);
        var inputs = new uint[6 * 64];
        for (var i = 0; i < inputs.Length; i++)
        {
            inputs[i] = (uint)rng.NextInt64(0, 1L << 32);
        }

        var words = RunInKernel(inputs);

        for (var i = 0; i < 64; i++)
        {
            var x = inputs.AsSpan(6 * i, 6);
            var host = Philox4x32.Generate(x[0], x[1], x[2], x[3], x[4], x[5]);
            words.AsSpan(4 * i, 4).ToArray().Should().Equal([host.X0, host.X1, host.X2, host.X3], "oracle: the core's host Philox4x32 (block {0})", i);
        }
    }

    [Test]
    public void OpenUnit_Device_EqualsHost()
    {
        uint[] words = [0, 0, uint.MaxValue, uint.MaxValue, 0x12345678, 0x9abcdef0, 1, 0xfff];
        for (var i = 0; i < words.Length; i += 2)
        {
            BitConverter.DoubleToInt64Bits(LifecycleDeviceKernel.OpenUnit(words[i], words[i + 1]))
                .Should().Be(BitConverter.DoubleToInt64Bits(RandomDraws.OpenUnit(words[i], words[i + 1])), "oracle: RandomDraws.OpenUnit, bit for bit");
        }
    }

    private static uint[] RunInKernel(uint[] inputs)
    {
        using var context = Context.Create(b => b.CPU());
        using var accelerator = context.CreateCPUAccelerator(0);
        var n = inputs.Length / 6;
        using var input = accelerator.Allocate1D(inputs);
        using var output = accelerator.Allocate1D<uint>(4 * n);
        var kernel = accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<uint>, ArrayView<uint>>(PhiloxKernel);
        kernel(n, input.View, output.View);
        accelerator.Synchronize();
        return output.GetAsArray1D();
    }

    internal static void PhiloxKernel(Index1D i, ArrayView<uint> input, ArrayView<uint> output)
    {
        var x = 6 * i;
        var block = DevicePhilox.Generate(input[x], input[x + 1], input[x + 2], input[x + 3], input[x + 4], input[x + 5]);
        output[(4 * i) + 0] = block.X0;
        output[(4 * i) + 1] = block.X1;
        output[(4 * i) + 2] = block.X2;
        output[(4 * i) + 3] = block.X3;
    }
}
