using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace LifetimeValue.Benchmarks;

/// <summary>
/// The shared configuration of every suite: memory diagnoser and a customer-lifetimes-per-second column; with
/// <see cref="ForJob"/>'s default configuration (Markdown (GitHub), CSV and HTML export into
/// BenchmarkDotNet.Artifacts/results) and the in-process toolchain (no generated project to build, so the
/// repository's warnings-as-errors props never apply to generated code and a run starts at once).
/// The job comes from the command line: none for BenchmarkDotNet's default (long) job, <c>--short</c> for
/// <see cref="ShortJob"/>.
/// </summary>
public sealed class BenchConfig : ManualConfig
{
    /// <summary>One launch, one warm-up, three measured iterations: the whole suite in minutes on 2 cores.</summary>
    public static Job ShortJob { get; } = Job.ShortRun.WithWarmupCount(1).WithIterationCount(3).WithId("Short");

    public BenchConfig()
    {
        AddDiagnoser(MemoryDiagnoser.Default);
        AddColumn(new LifetimesPerSecondColumn());
        AddColumnProvider(DefaultColumnProviders.Instance);
        WithOrderer(new BenchmarkDotNet.Order.DefaultOrderer(BenchmarkDotNet.Order.SummaryOrderPolicy.Declared));
    }

    /// <summary>The configuration Program passes for a job: <see cref="ShortJob"/> or the default job, in process.</summary>
    public static IConfig ForJob(bool shortJob) =>
        DefaultConfig.Instance.AddJob((shortJob ? ShortJob : Job.Default).WithToolchain(InProcessEmitToolchain.Instance));
}

/// <summary>Marks a benchmark class whose benchmarks simulate <see cref="Lifetimes"/> customer-lifetimes per operation.</summary>
public interface ILifetimeBenchmark
{
    /// <summary>Customer-lifetimes (N·S) simulated by one operation.</summary>
    long Lifetimes { get; }
}

/// <summary>Customer-lifetimes per second = N·S / mean time of one operation (for classes implementing <see cref="ILifetimeBenchmark"/>).</summary>
public sealed class LifetimesPerSecondColumn : IColumn
{
    public string Id => nameof(LifetimesPerSecondColumn);

    public string ColumnName => "Lifetimes/s";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => "Customer-lifetimes (N·S) simulated per second";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var report = summary[benchmarkCase];
        if (report?.ResultStatistics is not { } stats ||
            Activator.CreateInstance(benchmarkCase.Descriptor.Type) is not ILifetimeBenchmark instance)
        {
            return "-";
        }

        // Apply the case's parameters to a fresh instance to learn N·S.
        foreach (var p in benchmarkCase.Parameters.Items)
        {
            benchmarkCase.Descriptor.Type.GetField(p.Name)?.SetValue(instance, p.Value);
            benchmarkCase.Descriptor.Type.GetProperty(p.Name)?.SetValue(instance, p.Value);
        }

        var perSecond = instance.Lifetimes / (stats.Mean * 1e-9);
        return perSecond.ToString("N0", System.Globalization.CultureInfo.InvariantCulture);
    }

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
}
