using System.Globalization;
using LifetimeValue.Internal;

namespace LifetimeValue.Lifecycle;

/// <summary>
/// The ladder of life stages a relationship climbs: ordered, contiguous and non-overlapping in age.
/// The ladder is data, not code: youth, student, early career, family, mid-life, pre-retirement and
/// retired are the bank preset's choice, not the library's.
/// </summary>
/// <remarks>Thread safety: immutable; safe to share.</remarks>
public sealed class StageLadder : IEquatable<StageLadder>
{
    /// <summary>The largest number of stages a ladder may have.</summary>
    public const int MaxStages = 64;

    private readonly LifeStage[] _stages;

    /// <summary>Creates a ladder.</summary>
    /// <param name="stages">Stages in age order; 1 to 64 of them; each starts where the previous ends; names unique.</param>
    /// <exception cref="ArgumentException">Empty, too many, gaps or overlaps between stages, or duplicate names.</exception>
    public StageLadder(IReadOnlyList<LifeStage> stages)
    {
        Guard.NotEmpty(stages);
        Guard.InRange(stages.Count, 1, MaxStages, "stages.Count");
        _stages = new LifeStage[stages.Count];
        Stages = ReadOnly.Wrap(_stages);
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < stages.Count; i++)
        {
            var stage = stages[i] ?? throw new ArgumentNullException($"stages[{i}]");
            if (i > 0 && stage.StartAge != stages[i - 1].EndAge)
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                    $"stages[{i}].StartAge must equal stages[{i - 1}].EndAge = {stages[i - 1].EndAge} (was {stage.StartAge}): stages must be ordered, contiguous and non-overlapping."),
                    nameof(stages));
            }

            if (!names.Add(stage.Name))
            {
                throw new ArgumentException($"stages[{i}].Name '{stage.Name}' is used by an earlier stage; stage names must be unique.", nameof(stages));
            }

            _stages[i] = stage;
        }
    }

    /// <summary>The stages in age order.</summary>
    public IReadOnlyList<LifeStage> Stages { get; }

    /// <summary>First age covered by the ladder.</summary>
    public int StartAge => _stages[0].StartAge;

    /// <summary>First age after the ladder.</summary>
    public int EndAge => _stages[^1].EndAge;

    /// <summary>The index of the stage covering <paramref name="ageYears"/>, or −1 outside the ladder.</summary>
    /// <param name="ageYears">Age in whole years.</param>
    /// <returns>Stage index or −1.</returns>
    public int IndexOf(int ageYears)
    {
        for (var i = 0; i < _stages.Length; i++)
        {
            if (ageYears >= _stages[i].StartAge && ageYears < _stages[i].EndAge)
            {
                return i;
            }
        }

        return -1;
    }

    /// <inheritdoc/>
    public bool Equals(StageLadder? other) => other is not null && _stages.AsSpan().SequenceEqual(other._stages);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as StageLadder);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(_stages.Length, _stages[0], _stages[^1]);
}
