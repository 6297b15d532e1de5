using System.Globalization;
using LifetimeValue.Discounting;
using LifetimeValue.Internal;
using LifetimeValue.Lifecycle;

namespace LifetimeValue.Calibration.Panel;

/// <summary>What <see cref="PanelCalibration"/> estimates and how the fitted <see cref="LifecycleModel"/> is built.</summary>
/// <remarks>Thread safety: an immutable record.</remarks>
public sealed record PanelCalibrationOptions
{
    private readonly IReadOnlyList<int>? _stageBoundaries;
    private readonly IReadOnlyList<string>? _stageNames;
    private readonly int? _marginBandYears;
    private readonly double? _acquisitionCost;
    private readonly Discount _discounting = Discount.ShortRatePlus(0.05);
    private readonly string _modelName = "calibrated";
    private readonly int _minimumStageYears = 3;
    private readonly int _maximumStages = 8;
    private readonly int _maxErrors = 100;

    /// <summary>
    /// Stage boundaries as ages in whole years, strictly increasing, at least two: <c>[11, 18, 25]</c> gives the stages
    /// [11, 18) and [18, 25); the first is the ladder's first age and the last the horizon (the model follows customers
    /// to that birthday). Null (the default): stages are found from the data (see <see cref="PanelCalibration"/>).
    /// </summary>
    /// <exception cref="ArgumentException">Fewer than 2 or more than 65 ages, not strictly increasing, or outside [0, 130].</exception>
    public IReadOnlyList<int>? StageBoundaries
    {
        get => _stageBoundaries;
        init
        {
            if (value is null)
            {
                _stageBoundaries = null;
                return;
            }

            Guard.InRange(value.Count, 2, StageLadder.MaxStages + 1, "StageBoundaries.Count");
            for (var i = 0; i < value.Count; i++)
            {
                Guard.InRange(value[i], 0, AgeSchedule.MaxAge, $"StageBoundaries[{i}]");
                if (i > 0 && value[i] <= value[i - 1])
                {
                    throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                        $"StageBoundaries[{i}] must be greater than StageBoundaries[{i - 1}] = {value[i - 1]} (was {value[i]}): ages must be strictly increasing."), nameof(StageBoundaries));
                }
            }

            _stageBoundaries = Array.AsReadOnly([.. value]);
        }
    }

    /// <summary>Names of the stages (one per stage, distinct, not blank); null (the default) names them by age, e.g. "18-24".</summary>
    /// <exception cref="ArgumentException">A blank or repeated name.</exception>
    public IReadOnlyList<string>? StageNames
    {
        get => _stageNames;
        init
        {
            if (value is null)
            {
                _stageNames = null;
                return;
            }

            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < value.Count; i++)
            {
                Guard.NotBlank(value[i], $"StageNames[{i}]");
                if (!seen.Add(value[i]))
                {
                    throw new ArgumentException($"StageNames[{i}] '{value[i]}' repeats an earlier name; stage names must be distinct.", nameof(StageNames));
                }
            }

            _stageNames = Array.AsReadOnly([.. value]);
        }
    }

    /// <summary>
    /// Width in years of the age bands over which margins are estimated inside each stage (the last band of a stage may be
    /// shorter), in [1, 130]; null (the default) estimates one margin per product and stage. Margins of the fitted model
    /// are step functions of age over these bands.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Outside [1, 130].</exception>
    public int? MarginBandYears { get => _marginBandYears; init => _marginBandYears = value is { } v ? Guard.InRange(v, 1, AgeSchedule.MaxAge) : null; }

    /// <summary>
    /// Annual short rates by month, covering every calibration month (and the holdout months): margins are then estimated as
    /// <c>a + b·r</c> by least squares. Null (the default): margins are constant in the rate (<c>b = 0</c>).
    /// </summary>
    public MonthlyRates? Rates { get; init; }

    /// <summary>
    /// The first holdout month (any day of it): the model is fitted on the months before it, and the customers present and
    /// open in the month before are projected forward with the exact engine and compared with what happened. Null (the
    /// default): no holdout; every month is used.
    /// </summary>
    public DateOnly? HoldoutFrom { get; init; }

    /// <summary>
    /// The acquisition cost per customer (currency, ≥ 0) to put in the model; null (the default) estimates it as the mean of
    /// the panel's acquisition-cost column over acquired customers, or 0 with a note when the panel has none.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Negative or not finite.</exception>
    public double? AcquisitionCost { get => _acquisitionCost; init => _acquisitionCost = value is { } v ? Guard.NonNegative(v, nameof(AcquisitionCost)) : null; }

    /// <summary>Which observed quantity becomes the adoption probability (default <see cref="AdoptionBasis.StageEntry"/>, the model's definition).</summary>
    public AdoptionBasis AdoptionBasis { get; init; } = AdoptionBasis.StageEntry;

    /// <summary>How the fitted model discounts cash flows (default: the short rate plus 5 %, as the bank preset).</summary>
    public Discount Discounting { get => _discounting; init => _discounting = value ?? throw new ArgumentNullException(nameof(Discounting)); }

    /// <summary>Name of the fitted model (default "calibrated").</summary>
    /// <exception cref="ArgumentException">Blank.</exception>
    public string ModelName { get => _modelName; init => _modelName = Guard.NotBlank(value, nameof(ModelName)); }

    /// <summary>When stages are found from the data: the fewest whole years a stage may span, in [1, 50] (default 3).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Outside [1, 50].</exception>
    public int MinimumStageYears { get => _minimumStageYears; init => _minimumStageYears = Guard.InRange(value, 1, 50); }

    /// <summary>When stages are found from the data: the most stages, in [1, 64] (default 8).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Outside [1, 64].</exception>
    public int MaximumStages { get => _maximumStages; init => _maximumStages = Guard.InRange(value, 1, StageLadder.MaxStages); }

    /// <summary>Refuse the panel after this many structural errors (1 … 10⁶), default 100; every one is reported with its line.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Outside 1 … 10⁶.</exception>
    public int MaxErrors { get => _maxErrors; init => _maxErrors = Guard.InRange(value, 1, 1_000_000); }
}
