using System.Globalization;
using LifetimeValue.Calibration.Panel;
using LifetimeValue.Discounting;
using LifetimeValue.Lifecycle;

namespace LifetimeValue.Tests.Calibration.Panel;

/// <summary>Models and panels shared by the panel-calibration tests.</summary>
internal static class PanelTestData
{
    public static readonly int[] SmallBoundaries = [20, 30, 45, 60];

    public static readonly int[] BankBoundaries = [11, 18, 23, 30, 45, 60, 67, 85];

    /// <summary>
    /// A three-stage model small enough for repeated recovery runs: ages 20–59, products with margins linear in the rate,
    /// servicing costs, base margins, acquisition at 20–24.
    /// </summary>
    public static LifecycleModel SmallModel() => new(
        "small",
        new StageLadder(
        [
            new LifeStage("Young", 20, 30, 0.08, [new Product("Card", 0.40, MarginSchedule.RateLinear(12, -100), 1.0)], MarginSchedule.Fixed(-2)),
            new LifeStage("Family", 30, 45, 0.05,
            [
                new Product("Card", 0.50, MarginSchedule.RateLinear(15, -100), 1.0),
                new Product("Mortgage", 0.45, MarginSchedule.RateLinear(400, -12_000), 10.0),
            ], MarginSchedule.Fixed(3)),
            new LifeStage("Mature", 45, 60, 0.04, [new Product("Savings", 0.60, MarginSchedule.RateLinear(-20, 1_500), 0.5)], MarginSchedule.Fixed(5)),
        ]),
        AcquisitionProfile.Uniform(20, 24), 200.0, Horizon.ToAge(60), Discount.ShortRatePlus(0.05));

    /// <summary>A short rate that moves enough to identify rate slopes: 3 % ± 2 % with a one-year cycle.</summary>
    public static MonthlyRates WaveRates(DateOnly first, int months) =>
        MonthlyRates.FromValues(first, [.. Enumerable.Range(0, months).Select(m => 0.03 + (0.02 * Math.Sin(m * Math.PI / 6)))]);

    /// <summary>A hand-made row: month "yyyy-MM", birth "yyyy-MM-dd".</summary>
    public static PanelRow Row(string id, string month, string birth, string product, double revenue, bool closed = false, double? cost = null) =>
        new(id, DateOnly.ParseExact(month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture), DateOnly.ParseExact(birth, "yyyy-MM-dd", CultureInfo.InvariantCulture),
            null, product, revenue, closed, null, cost);

    /// <summary>
    /// The hand-calculated panel of <c>PanelCalibrationTests</c> (2020-01 to 2020-06; stages [20, 30) and [30, 40)):
    /// a — born 1990-03, 29 until 2020-02, 30 from 2020-03; card every month; loan from 2020-03; open.
    /// b — born 1995-01 (25); card in 2020-02 and 2020-03 only; closes in 2020-04.
    /// c — born 1985-06 (34); first seen 2020-02 (acquired), loan both months, closes 2020-03; acquisition cost 300.
    /// d — born 1990-01 (30); no products; base 2 a month; open.
    /// e — born 1997-11 (22); first seen 2020-04 (acquired); card every month; acquisition cost 200.
    /// </summary>
    public static List<PanelRow> HandPanel() =>
    [
        Row("a", "2020-01", "1990-03-10", "", 1.0), Row("a", "2020-01", "1990-03-10", "Card", 10),
        Row("a", "2020-02", "1990-03-10", "", 1.0), Row("a", "2020-02", "1990-03-10", "Card", 12),
        Row("a", "2020-03", "1990-03-10", "", 1.0), Row("a", "2020-03", "1990-03-10", "Card", 11), Row("a", "2020-03", "1990-03-10", "Loan", 100),
        Row("a", "2020-04", "1990-03-10", "", 1.0), Row("a", "2020-04", "1990-03-10", "Card", 13), Row("a", "2020-04", "1990-03-10", "Loan", 110),
        Row("a", "2020-05", "1990-03-10", "", 1.0), Row("a", "2020-05", "1990-03-10", "Card", 9), Row("a", "2020-05", "1990-03-10", "Loan", 90),
        Row("a", "2020-06", "1990-03-10", "", 1.0), Row("a", "2020-06", "1990-03-10", "Card", 15), Row("a", "2020-06", "1990-03-10", "Loan", 100),
        Row("b", "2020-01", "1995-01-20", "", 0.5),
        Row("b", "2020-02", "1995-01-20", "", 0.5), Row("b", "2020-02", "1995-01-20", "Card", 8),
        Row("b", "2020-03", "1995-01-20", "", 0.5), Row("b", "2020-03", "1995-01-20", "Card", 6),
        Row("b", "2020-04", "1995-01-20", "", 0.5, closed: true),
        Row("c", "2020-02", "1985-06-01", "", 0, cost: 300), Row("c", "2020-02", "1985-06-01", "Loan", 80),
        Row("c", "2020-03", "1985-06-01", "", 0, closed: true), Row("c", "2020-03", "1985-06-01", "Loan", 130),
        Row("d", "2020-01", "1990-01-05", "", 2), Row("d", "2020-02", "1990-01-05", "", 2), Row("d", "2020-03", "1990-01-05", "", 2),
        Row("d", "2020-04", "1990-01-05", "", 2), Row("d", "2020-05", "1990-01-05", "", 2), Row("d", "2020-06", "1990-01-05", "", 2),
        Row("e", "2020-04", "1997-11-30", "", 0, cost: 200), Row("e", "2020-04", "1997-11-30", "Card", 5),
        Row("e", "2020-05", "1997-11-30", "", 0), Row("e", "2020-05", "1997-11-30", "Card", 7),
        Row("e", "2020-06", "1997-11-30", "", 0), Row("e", "2020-06", "1997-11-30", "Card", 9),
    ];
}
