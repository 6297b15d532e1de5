using System.Globalization;
using System.Security.Cryptography;
using LifetimeValue.Statistics;

namespace LifetimeValue.Simulation;

/// <summary>
/// The mergeable result of some chunks of a run: exact fixed-point moments and cash-flow sums per
/// scenario, an integer-count quantile sketch, and the chunk ranges covered. Partials of the same run
/// (same fingerprint) merge exactly — sums are integers, so the merged result is bit-identical
/// whatever the split, the order or the machines — and travel as a checksummed binary file.
/// </summary>
/// <remarks>Thread safety: immutable once returned by the engine or <see cref="Merge"/>; safe to share.</remarks>
public sealed class SimulationPartial
{
    private const uint Magic = 0x5056_4C4C; // "LLVP"
    private const int FormatVersion = 1;

    /// <summary>The largest S × T for which per-scenario cash-flow curves are kept (2²⁴ entries).</summary>
    public const long MaxScenarioCurveEntries = 1L << 24;

    private readonly List<(long First, long Count)> _ranges;

    internal SimulationPartial(string fingerprint, SimulationPlan plan, int periods, double sketchAccuracy, bool keepExact)
    {
        Fingerprint = fingerprint;
        Plan = plan;
        Periods = periods;
        _ranges = [];
        Sketch = new QuantileSketch(sketchAccuracy);
        Exact = keepExact ? new ExactQuantiles((int)Math.Min(int.MaxValue, plan.Lifetimes)) : null;
        ScenarioMoments = new FixedPointMoments?[plan.ScenarioCount];
        KeepsScenarioCurves = (long)plan.ScenarioCount * periods <= MaxScenarioCurveEntries;
        ScenarioFlows = KeepsScenarioCurves ? new FixedPointSeries?[plan.ScenarioCount] : [];
        TotalFlows = new FixedPointSeries(periods);
    }

    /// <summary>Identifies the run (model, scenarios, seed, customers, chunking, method, sketch): partials merge only with equal fingerprints.</summary>
    public string Fingerprint { get; }

    /// <summary>The run's chunk plan.</summary>
    public SimulationPlan Plan { get; }

    /// <summary>Periods of the cash-flow curves.</summary>
    public int Periods { get; }

    /// <summary>The chunk index ranges covered, sorted and coalesced.</summary>
    public IReadOnlyList<(long First, long Count)> ChunkRanges => _ranges;

    /// <summary>Chunks covered.</summary>
    public long ChunkCount
    {
        get
        {
            long n = 0;
            foreach (var (_, count) in _ranges)
            {
                n += count;
            }

            return n;
        }
    }

    /// <summary>Whether every chunk of the plan is covered exactly once.</summary>
    public bool IsComplete => _ranges.Count == 1 && _ranges[0].First == 0 && _ranges[0].Count == Plan.ChunkCount;

    /// <summary>Whether per-scenario curves are kept (S × T ≤ <see cref="MaxScenarioCurveEntries"/>).</summary>
    public bool KeepsScenarioCurves { get; }

    internal QuantileSketch Sketch { get; }

    internal ExactQuantiles? Exact { get; }

    internal FixedPointMoments?[] ScenarioMoments { get; }

    internal FixedPointSeries?[] ScenarioFlows { get; }

    /// <summary>Sum over all covered customers of the discounted flow per period (used when per-scenario curves are not kept).</summary>
    internal FixedPointSeries TotalFlows { get; }

    /// <summary>Finishes an engine's partial: records the chunk range it computed and seals it (see <see cref="Seal"/>).</summary>
    internal void Complete(long first, long count)
    {
        _ranges.Add((first, count));
        Normalize();
        Seal();
    }

    /// <summary>
    /// Does now, once, the work a read would otherwise do lazily (sorting the exact sample), so that a finished partial is
    /// only ever read: writing it to files or building results from several threads at once is then safe.
    /// </summary>
    private void Seal() => Exact?.Seal();

    /// <summary>Merges partials of the same run into one.</summary>
    /// <param name="partials">At least one partial; equal fingerprints; disjoint chunk ranges.</param>
    /// <returns>A new partial covering the union.</returns>
    /// <exception cref="ArgumentException">Empty, different runs (fingerprints), or overlapping chunks (duplicates).</exception>
    public static SimulationPartial Merge(IReadOnlyList<SimulationPartial> partials)
    {
        ArgumentNullException.ThrowIfNull(partials);
        if (partials.Count == 0)
        {
            throw new ArgumentException("partials must not be empty.", nameof(partials));
        }

        var first = partials[0];
        var merged = new SimulationPartial(first.Fingerprint, first.Plan, first.Periods, first.Sketch.RelativeAccuracy, first.Exact is not null);
        for (var i = 0; i < partials.Count; i++)
        {
            var p = partials[i] ?? throw new ArgumentNullException($"partials[{i}]");
            if (p.Fingerprint != first.Fingerprint)
            {
                throw new ArgumentException($"partials[{i}] comes from a different run (fingerprint {p.Fingerprint}, expected {first.Fingerprint}): model, scenarios, seed or options differ.", nameof(partials));
            }

            merged.MergeFrom(p, $"partials[{i}]");
        }

        merged.Seal();
        return merged;
    }

    internal void MergeFrom(SimulationPartial other, string name)
    {
        foreach (var (f, c) in other._ranges)
        {
            foreach (var (f2, c2) in _ranges)
            {
                if (f < f2 + c2 && f2 < f + c)
                {
                    throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                        $"{name} covers chunks [{f}, {f + c}) which overlap chunks [{f2}, {f2 + c2}) already merged: a chunk would be counted twice."), name);
                }
            }
        }

        _ranges.AddRange(other._ranges);
        Normalize();
        Sketch.Merge(other.Sketch);
        if (Exact is not null && other.Exact is not null)
        {
            Exact.Merge(other.Exact);
        }

        for (var s = 0; s < ScenarioMoments.Length; s++)
        {
            if (other.ScenarioMoments[s] is { } m)
            {
                (ScenarioMoments[s] ??= new FixedPointMoments()).Merge(m);
            }
        }

        for (var s = 0; s < ScenarioFlows.Length; s++)
        {
            if (other.ScenarioFlows[s] is { } f)
            {
                (ScenarioFlows[s] ??= new FixedPointSeries(Periods)).Merge(f);
            }
        }

        TotalFlows.Merge(other.TotalFlows);
    }

    /// <summary>
    /// This partial re-labelled as part of a larger run with more scenarios (same customers and chunk size): chunk indices
    /// and per-scenario sums carry over unchanged, since chunks are numbered scenario-major.
    /// </summary>
    internal SimulationPartial Extend(string fingerprint, SimulationPlan plan, bool keepExact)
    {
        if (plan.ScenarioCount < Plan.ScenarioCount || plan.CustomersPerScenario != Plan.CustomersPerScenario || plan.ChunkSize != Plan.ChunkSize)
        {
            throw new ArgumentException("The larger plan must keep the customers and chunk size and not drop scenarios.", nameof(plan));
        }

        var extended = new SimulationPartial(fingerprint, plan, Periods, Sketch.RelativeAccuracy, keepExact);
        extended._ranges.AddRange(_ranges);
        extended.Sketch.Merge(Sketch);
        if (keepExact && Exact is not null)
        {
            extended.Exact!.Merge(Exact);
        }

        for (var s = 0; s < ScenarioMoments.Length; s++)
        {
            extended.ScenarioMoments[s] = ScenarioMoments[s]?.Clone();
        }

        if (extended.KeepsScenarioCurves)
        {
            for (var s = 0; s < ScenarioFlows.Length; s++)
            {
                extended.ScenarioFlows[s] = ScenarioFlows[s]?.Clone();
            }
        }

        extended.TotalFlows.Merge(TotalFlows);
        return extended;
    }

    private void Normalize()
    {
        _ranges.Sort((a, b) => a.First.CompareTo(b.First));
        var k = 0;
        for (var i = 1; i < _ranges.Count; i++)
        {
            if (_ranges[k].First + _ranges[k].Count == _ranges[i].First)
            {
                _ranges[k] = (_ranges[k].First, _ranges[k].Count + _ranges[i].Count);
            }
            else
            {
                _ranges[++k] = _ranges[i];
            }
        }

        if (_ranges.Count > 0)
        {
            _ranges.RemoveRange(k + 1, _ranges.Count - k - 1);
        }
    }

    /// <summary>
    /// Writes the partial as a versioned binary file: a header (magic, version, fingerprint, plan), the
    /// payload, and a SHA-256 checksum of everything before it, so truncation and corruption are detected on read.
    /// </summary>
    /// <param name="stream">Destination.</param>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is null.</exception>
    public void WriteTo(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var buffer = new MemoryStream();
        using (var w = new BinaryWriter(buffer, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            w.Write(Magic);
            w.Write(FormatVersion);
            w.Write(Fingerprint);
            w.Write(Plan.ScenarioCount);
            w.Write(Plan.CustomersPerScenario);
            w.Write(Plan.ChunkSize);
            w.Write(Periods);
            w.Write(Sketch.RelativeAccuracy);
            w.Write(Exact is not null);
            w.Write(_ranges.Count);
            foreach (var (f, c) in _ranges)
            {
                w.Write(f);
                w.Write(c);
            }

            Sketch.WriteTo(w);
            Exact?.WriteTo(w);
            for (var s = 0; s < ScenarioMoments.Length; s++)
            {
                if (ScenarioMoments[s] is { } m)
                {
                    w.Write(s);
                    m.WriteTo(w);
                    var f = KeepsScenarioCurves ? ScenarioFlows[s] : null;
                    w.Write(f is not null);
                    f?.WriteTo(w);
                }
            }

            w.Write(-1);
            TotalFlows.WriteTo(w);
        }

        var payload = buffer.ToArray();
        stream.Write(payload);
        stream.Write(SHA256.HashData(payload));
    }

    /// <summary>Reads a partial written by <see cref="WriteTo"/>, verifying its checksum and structure.</summary>
    /// <param name="stream">Source.</param>
    /// <returns>The partial.</returns>
    /// <exception cref="InvalidDataException">Truncated, corrupt (checksum mismatch), not a partial file, or an unsupported version.</exception>
    public static SimulationPartial ReadFrom(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var all = new MemoryStream();
        stream.CopyTo(all);
        var bytes = all.ToArray();
        if (bytes.Length < 32 + 8)
        {
            throw new InvalidDataException($"Not a LifetimeValue partial result: {bytes.Length} bytes is too short (truncated file?).");
        }

        var payload = bytes.AsSpan(0, bytes.Length - 32);
        if (BitConverter.ToUInt32(payload) != Magic)
        {
            throw new InvalidDataException("Not a LifetimeValue partial result: the file does not start with the partial-result magic number.");
        }

        if (!SHA256.HashData(payload).AsSpan().SequenceEqual(bytes.AsSpan(bytes.Length - 32)))
        {
            throw new InvalidDataException("The partial result is corrupt or truncated: its SHA-256 checksum does not match its contents.");
        }

        try
        {
            using var r = new BinaryReader(new MemoryStream(payload.ToArray()), System.Text.Encoding.UTF8);
            r.ReadUInt32();
            var version = r.ReadInt32();
            if (version != FormatVersion)
            {
                throw new InvalidDataException($"Unsupported partial-result format version {version} (this library reads version {FormatVersion}).");
            }

            var fingerprint = r.ReadString();
            var plan = new SimulationPlan(r.ReadInt32(), r.ReadInt64(), r.ReadInt32());
            var periods = r.ReadInt32();
            var accuracy = r.ReadDouble();
            var exact = r.ReadBoolean();
            var partial = new SimulationPartial(fingerprint, plan, periods, accuracy, exact);
            var rangeCount = r.ReadInt32();
            for (var i = 0; i < rangeCount; i++)
            {
                partial._ranges.Add((r.ReadInt64(), r.ReadInt64()));
            }

            partial.Normalize();
            partial.Sketch.Merge(QuantileSketch.ReadFrom(r));
            if (exact)
            {
                partial.Exact!.Merge(ExactQuantiles.ReadFrom(r));
            }

            while (true)
            {
                var s = r.ReadInt32();
                if (s < 0)
                {
                    break;
                }

                partial.ScenarioMoments[s] = FixedPointMoments.ReadFrom(r);
                if (r.ReadBoolean())
                {
                    partial.ScenarioFlows[s] = FixedPointSeries.ReadFrom(r);
                }
            }

            partial.TotalFlows.Merge(FixedPointSeries.ReadFrom(r));
            partial.Seal();
            return partial;
        }
        catch (Exception e) when (e is EndOfStreamException or ArgumentException or IndexOutOfRangeException or FormatException)
        {
            throw new InvalidDataException($"The partial result is malformed: {e.Message}", e);
        }
    }
}
