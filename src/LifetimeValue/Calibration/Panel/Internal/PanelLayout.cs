using LifetimeValue.Lifecycle;

namespace LifetimeValue.Calibration.Panel.Internal;

/// <summary>Where each age falls: its stage and its margin band (−1 outside the ladder); null stages for the first pass that finds them.</summary>
internal sealed class PanelLayout
{
    public PanelLayout(IReadOnlyList<int>? boundaries, int? marginBandYears)
    {
        if (boundaries is null)
        {
            return;
        }

        Boundaries = [.. boundaries];
        StageOfAge = new int[AgeSchedule.MaxAge];
        BandOfAge = new int[AgeSchedule.MaxAge];
        Array.Fill(StageOfAge, -1);
        Array.Fill(BandOfAge, -1);
        var bandStarts = new List<int>();
        var bandStage = new List<int>();
        for (var k = 0; k + 1 < boundaries.Count; k++)
        {
            var width = marginBandYears ?? (boundaries[k + 1] - boundaries[k]);
            for (var a = boundaries[k]; a < boundaries[k + 1]; a++)
            {
                StageOfAge[a] = k;
                if ((a - boundaries[k]) % width == 0)
                {
                    bandStarts.Add(a);
                    bandStage.Add(k);
                }

                BandOfAge[a] = bandStarts.Count - 1;
            }
        }

        BandStarts = [.. bandStarts];
        BandStage = [.. bandStage];
    }

    /// <summary>Stage boundaries (ages), or null in the first pass.</summary>
    public int[]? Boundaries { get; }

    public bool HasStages => Boundaries is not null;

    public int StageCount => Boundaries is null ? 0 : Boundaries.Length - 1;

    public int[]? StageOfAge { get; }

    public int[]? BandOfAge { get; }

    /// <summary>First age of each margin band.</summary>
    public int[] BandStarts { get; } = [];

    /// <summary>The stage of each margin band.</summary>
    public int[] BandStage { get; } = [];

    public int BandCount => BandStarts.Length;

    /// <summary>The first age after band b.</summary>
    public int BandEnd(int b) => b + 1 < BandStarts.Length && BandStage[b + 1] == BandStage[b] ? BandStarts[b + 1] : Boundaries![BandStage[b] + 1];
}
