using System.Reflection;
using System.Text.RegularExpressions;
using ILGPU;
using ILGPU.Backends.EntryPoints;
using ILGPU.Backends.PTX;
using ILGPU.Runtime;
using ILGPU.Runtime.Cuda;
using LifetimeValue.Gpu.Internal;

namespace LifetimeValue.Gpu.Tests;

/// <summary>
/// Compiles the engine's kernel with ILGPU's PTX backend, asking for an H100 (sm_90, PTX ISA 8.3), without a GPU, so the CUDA path is at least
/// built and inspected here: no floating-point multiply-add, no transcendental instruction, no double multiply
/// other than OpenUnit's exact scaling by 2⁻⁵².
/// </summary>
public sealed class PtxTests
{
    private static readonly Lazy<string> Ptx = new(Compile);

    [Test]
    public void Kernel_CompilesToPtx()
    {
        // ILGPU 1.5.3 emits `.target sm_80` code at most (the driver JIT-compiles it for sm_90).
        Ptx.Value.Should().Contain(".target sm_").And.Contain(".entry").And.Contain("red.add.u32", "count tables are integer reductions");
    }

    [Test]
    public void Kernel_Ptx_PvIsAdditionsOnly()
    {
        // Expected f64 arithmetic: OpenUnit's cvt.rn + add ½ + mul 2⁻⁵²; the stage's prefix difference (sub) and two adds.
        var ptx = Ptx.Value;

        Regex.Count(ptx, @"\bsub(\.rn)?\.f64").Should().Be(1, "value += prefix[end] − prefix[start]");
        Regex.Count(ptx, @"\badd(\.rn)?\.f64").Should().Be(3, "OpenUnit's + ½, the stage difference, the product column");
        Regex.Count(ptx, @"\bcvt\.rn\.f64\.u64").Should().Be(1, "OpenUnit's exact 52-bit conversion");
    }

    [Test]
    public void Kernel_Ptx_HasNoFusedMultiplyAddOrTranscendentals()
    {
        var ptx = Ptx.Value;

        ptx.Should().NotContain("fma.", "the PV must be plain IEEE additions of table entries (CPU parity)");
        ptx.Should().NotContainAny(["lg2.", "ex2.", "sin.", "cos.", "rsqrt.", "sqrt.", "div.approx"],
            "no device transcendental may enter a result; the host precomputes every table");
    }

    [Test]
    public void Kernel_Ptx_DoubleMultipliesAreOnlyOpenUnitScaling()
    {
        // ptxas may contract mul.f64 + add.f64 into an FMA; the only double multiply is (k + ½)·2⁻⁵² in OpenUnit, which
        // is followed by comparisons, never by an add, so no contraction can change a bit.
        var multiplies = Regex.Count(Ptx.Value, @"mul(\.rn)?\.f64");

        multiplies.Should().BeLessThanOrEqualTo(1, "PTX:\n" + string.Join('\n', Ptx.Value.Split('\n').Where(l => l.Contains(".f64", StringComparison.Ordinal)).Take(40)));
    }

    private static string Compile()
    {
        using var context = Context.Create(b => b.Cuda());
        using var backend = new PTXBackend(context, CudaArchitecture.SM_90, CudaInstructionSet.ISA_83, null!);
        var method = typeof(LifecycleDeviceKernel).GetMethod(nameof(LifecycleDeviceKernel.Run), BindingFlags.Public | BindingFlags.Static)!;
        var entry = EntryPointDescription.FromImplicitlyGroupedKernel(method);
        var kernel = (PTXCompiledKernel)backend.Compile(entry, KernelSpecialization.Empty);
        File.WriteAllText(Path.Combine(TestContext.CurrentContext.WorkDirectory, "LifecycleDeviceKernel.ptx"), kernel.PTXAssembly);
        return kernel.PTXAssembly;
    }
}
