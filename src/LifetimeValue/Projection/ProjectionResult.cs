using System.Globalization;
using System.Text.Json;
using LifetimeValue.Finance;
using LifetimeValue.Internal;
using LifetimeValue.Model;

namespace LifetimeValue.Projection;

/// <summary>
/// The result of an exact expected-value projection: the period-by-period table (per acquired
/// customer), expected cash flow by line, and the summary metrics finance teams ask for — CLV,
/// break-even, peak funding, payback and IRR.
/// </summary>
/// <remarks>
/// <para>Conventions: the acquisition cost is paid at t = 0; the cash flow of period t is received at the
/// end of month t + 1 and discounted with <c>D_{t+1}</c>. The cumulative PV curve starts at −A
/// (time 0, before period 0) and reaches CLV after the last period.</para>
/// <para>Thread safety: immutable; safe to share.</para>
/// </remarks>
public sealed class ProjectionResult
{
    private readonly ProjectionRow[] _rows;
    private readonly string[] _lineNames;
    private readonly double[][] _lines;
    private readonly IReadOnlyList<double>[] _lineLists;
    private readonly CohortValue[] _cohorts;

    internal ProjectionResult(StrategyModel model, RatePath rates, ProjectionRow[] rows, string[] lineNames, double[][] lines, CohortValue[] cohorts)
    {
        Model = model;
        Rates = rates;
        _rows = rows;
        Rows = ReadOnly.Wrap(_rows);
        _lineNames = lineNames;
        LineNames = ReadOnly.Wrap(_lineNames);
        _lines = lines;
        _lineLists = [.. lines.Select(ReadOnly.Wrap)];
        _cohorts = cohorts;
        Cohorts = ReadOnly.Wrap(_cohorts);

        var clv = 0.0;
        foreach (var c in cohorts)
        {
            clv += c.Share * c.Clv;
        }

        Clv = clv;

        // Peak funding: the deepest point of the cumulative PV curve, time 0 (−A) included.
        var min = -model.AcquisitionCost;
        var minPeriod = -1;
        for (var t = 0; t < rows.Length; t++)
        {
            if (rows[t].CumulativePresentValue < min)
            {
                min = rows[t].CumulativePresentValue;
                minPeriod = t;
            }
        }

        PeakFundingPerCustomer = Math.Max(0.0, -min);
        PeakFundingPeriod = minPeriod;

        var years = (rows.Length + 11) / 12;
        var yearEnd = new double[years];
        for (var y = 0; y < years; y++)
        {
            yearEnd[y] = rows[Math.Min(rows.Length - 1, (12 * y) + 11)].CumulativePresentValue;
        }

        YearEndCumulativePresentValue = ReadOnly.Wrap(yearEnd);

        // Month-indexed series: index 0 is time 0 (acquisition), index k the end of month k.
        var cumulativeByMonth = new double[rows.Length + 1];
        var flowsByMonth = new double[rows.Length + 1];
        cumulativeByMonth[0] = -model.AcquisitionCost;
        flowsByMonth[0] = -model.AcquisitionCost;
        for (var t = 0; t < rows.Length; t++)
        {
            cumulativeByMonth[t + 1] = rows[t].CumulativePresentValue;
            flowsByMonth[t + 1] = rows[t].ExpectedCashFlow;
        }

        BreakEven = Finance.BreakEven.FromCumulative(cumulativeByMonth);
        PaybackMonths = Payback.Period(flowsByMonth);
        Irr = Finance.Irr.Solve(flowsByMonth, 0.005);
        ExpectedFlows = ReadOnly.Wrap(flowsByMonth);
        for (var y = 0; y < years; y++)
        {
            if (yearEnd[y] >= 0)
            {
                BreakEvenYear = y + 1;
                break;
            }
        }
    }

    /// <summary>The model projected.</summary>
    public StrategyModel Model { get; }

    /// <summary>The rate path the projection is conditional on.</summary>
    public RatePath Rates { get; }

    /// <summary>The period-by-period table, per acquired customer.</summary>
    public IReadOnlyList<ProjectionRow> Rows { get; }

    /// <summary>Names of the cash-flow lines: "Base margin", one per product name, "Servicing cost".</summary>
    public IReadOnlyList<string> LineNames { get; }

    /// <summary>Expected (undiscounted) cash flow of one line per period, per acquired customer.</summary>
    /// <param name="line">Index into <see cref="LineNames"/>.</param>
    /// <returns>One value per period.</returns>
    public IReadOnlyList<double> LineCashFlows(int line) => _lineLists[line];

    /// <summary>Expected (undiscounted) cash flow of the named line per period.</summary>
    /// <param name="lineName">A name from <see cref="LineNames"/>.</param>
    /// <returns>One value per period.</returns>
    /// <exception cref="ArgumentException">No such line.</exception>
    public IReadOnlyList<double> LineCashFlows(string lineName)
    {
        var i = Array.IndexOf(_lineNames, lineName);
        return i >= 0 ? _lineLists[i] : throw new ArgumentException($"lineName '{lineName}' is not one of: {string.Join(", ", _lineNames)}.", nameof(lineName));
    }

    /// <summary>Expected value per acquisition age.</summary>
    public IReadOnlyList<CohortValue> Cohorts { get; }

    /// <summary>The acquisition cost per customer, paid at t = 0.</summary>
    public double AcquisitionCost => Model.AcquisitionCost;

    /// <summary>Customer lifetime value: the expected present value per acquired customer, acquisition cost included.</summary>
    public double Clv { get; }

    /// <summary>Funding need per customer at the curve's deepest point: −min(cumulative PV), or 0 if it never dips below 0.</summary>
    public double PeakFundingPerCustomer { get; }

    /// <summary>The period at whose end the cumulative PV is lowest (−1: at acquisition, before any cash flow).</summary>
    public int PeakFundingPeriod { get; }

    /// <summary>Cumulative PV (acquisition cost included) at the end of each year of the relationship.</summary>
    public IReadOnlyList<double> YearEndCumulativePresentValue { get; }

    /// <summary>The first year (1-based) at whose end the cumulative PV is ≥ 0, or null if never.</summary>
    public int? BreakEvenYear { get; }

    /// <summary>
    /// Break-even of the cumulative PV curve in months since acquisition (index 0 = time 0, at −A; index k =
    /// the end of month k): the first crossing to ≥ 0 and the start of the final non-negative run, which
    /// differ when the curve dips below zero again late in life.
    /// </summary>
    public BreakEvenResult BreakEven { get; }

    /// <summary>
    /// Undiscounted payback in months: the first k at which −A + Σ expected cash flows of months 1 … k is ≥ 0
    /// (t = 0 convention: the acquisition cost is paid at month 0), or null if never.
    /// </summary>
    public int? PaybackMonths { get; }

    /// <summary>The expected flows by month: index 0 = −A at acquisition, index k = expected cash flow received at the end of month k.</summary>
    public IReadOnlyList<double> ExpectedFlows { get; }

    /// <summary>The monthly IRR of <see cref="ExpectedFlows"/>, with all roots found and a status.</summary>
    public IrrResult Irr { get; }

    /// <summary>The IRR as an annual effective rate, <c>(1 + monthly)^12 − 1</c>, or null when there is no root.</summary>
    public double? AnnualIrr => Irr.Rate is { } m ? Math.Pow(1 + m, 12) - 1 : null;

    /// <summary>The peak funding need of a cohort: N × <see cref="PeakFundingPerCustomer"/>.</summary>
    /// <param name="cohortSize">Number of customers acquired, ≥ 0.</param>
    /// <returns>Currency.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="cohortSize"/> is negative.</exception>
    public double PeakFunding(long cohortSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(cohortSize);
        return cohortSize * PeakFundingPerCustomer;
    }

    /// <summary>
    /// The month since acquisition at whose end the cumulative PV is lowest: <see cref="PeakFundingPeriod"/> + 1 (period t's
    /// cash flow arrives at the end of month t + 1), 0 when the deepest point is at acquisition.
    /// </summary>
    public int PeakFundingMonth => PeakFundingPeriod + 1;

    /// <summary>
    /// The result as typed tables: "Summary" (CLV, break-even, funding, payback, IRR), "Cohorts" (value per acquisition
    /// age), "By year" (survival at the start of the year, expected cash flow, PV and cumulative PV at year end),
    /// "Cash-flow lines by year" and, as detail, "Periods" (month by month).
    /// </summary>
    /// <returns>The tables, for <see cref="Reporting.TableWriter"/> or spreadsheets.</returns>
    public IReadOnlyList<Reporting.ResultTable> ToTables()
    {
        var irr = Reporting.CellFormat.AnnualIrr(AnnualIrr);
        var summary = new List<Reporting.MetricRow>
        {
            new("Acquisition cost", Reporting.ValueKind.Currency, AcquisitionCost),
            new("CLV", Reporting.ValueKind.Currency, Clv),
            new("Break-even month (first crossing)", Reporting.ValueKind.Months, BreakEven.FirstCrossing),
            new("Break-even month (stays positive)", Reporting.ValueKind.Months, BreakEven.FinalRunStart),
            new("Break-even year", Reporting.ValueKind.Years, BreakEvenYear),
            new("Payback (months, undiscounted)", Reporting.ValueKind.Months, PaybackMonths),
            new("Peak funding per customer", Reporting.ValueKind.Currency, PeakFundingPerCustomer),
            new("Peak funding month", Reporting.ValueKind.Months, PeakFundingMonth),
            new("Monthly IRR", Reporting.ValueKind.Percent, irr is string ? Reporting.CellFormat.NotMeaningful : Irr.Rate),
            new("Annual IRR", Reporting.ValueKind.Percent, irr),
            new("IRR status", Reporting.ValueKind.Text, Irr.Status.ToString()),
        };

        var years = (_rows.Length + 11) / 12;
        var byYear = new List<IReadOnlyList<object?>>(years);
        var lines = new List<IReadOnlyList<object?>>(years);
        for (var y = 0; y < years; y++)
        {
            var first = 12 * y;
            var last = Math.Min(_rows.Length, first + 12);
            double cf = 0, pv = 0;
            var lineSums = new double[_lines.Length];
            for (var t = first; t < last; t++)
            {
                cf += _rows[t].ExpectedCashFlow;
                pv += _rows[t].PresentValue;
                for (var i = 0; i < _lines.Length; i++)
                {
                    lineSums[i] += _lines[i][t];
                }
            }

            byYear.Add([y + 1, _rows[first].Survival, cf, pv, _rows[last - 1].CumulativePresentValue]);
            lines.Add([y + 1, .. lineSums.Select(v => (object?)v)]);
        }

        var periods = _rows.Select(r => (IReadOnlyList<object?>)[r.Period + 1, r.Survival, r.ExpectedCashFlow, r.DiscountFactor, r.PresentValue, r.CumulativePresentValue]);
        return
        [
            Reporting.ResultTable.Summary("Summary", summary),
            new Reporting.ResultTable("Cohorts", [Reporting.ResultColumn.Years("Acquisition age"), Reporting.ResultColumn.Percent("Share of customers"), Reporting.ResultColumn.Months("Months followed"), Reporting.ResultColumn.Currency("CLV")],
                _cohorts.Select(c => (IReadOnlyList<object?>)[c.AcquisitionAge, c.Share, c.Periods, c.Clv])),
            new Reporting.ResultTable("By year", [Reporting.ResultColumn.Years("Year"), Reporting.ResultColumn.Percent("Survival at start"), Reporting.ResultColumn.Currency("Expected cash flow"), Reporting.ResultColumn.Currency("Present value"), Reporting.ResultColumn.Currency("Cumulative PV")], byYear),
            new Reporting.ResultTable("Cash-flow lines by year", [Reporting.ResultColumn.Years("Year"), .. _lineNames.Select(Reporting.ResultColumn.Currency)], lines),
            new Reporting.ResultTable("Periods", [Reporting.ResultColumn.Months("Month"), Reporting.ResultColumn.Percent("Survival"), Reporting.ResultColumn.Currency("Expected cash flow"), Reporting.ResultColumn.Number("Discount factor"), Reporting.ResultColumn.Currency("Present value"), Reporting.ResultColumn.Currency("Cumulative PV")], periods) { IsDetail = true },
        ];
    }

    /// <summary>
    /// The result as a report: the run block (model, strategy, horizon, rates, library version), <see cref="ToTables"/>,
    /// and a note when the IRR is not meaningful.
    /// </summary>
    /// <param name="rates">How the rate path was chosen, for the run block (e.g. "preset bank rates"), or null.</param>
    /// <returns>The report.</returns>
    public Reporting.ResultReport ToReport(string? rates = null)
    {
        var run = new List<Reporting.MetricRow>
        {
            new("Model", Reporting.ValueKind.Text, Model.Name),
            new("Strategy", Reporting.ValueKind.Text, Model.Kind.ToString()),
            new("Horizon (months)", Reporting.ValueKind.Months, _rows.Length),
            new("Rates", Reporting.ValueKind.Text, rates ?? "given rate path"),
            new("Discounting", Reporting.ValueKind.Text, Reporting.ReportRows.DiscountingText(Model.Discounting)),
            Reporting.ReportRows.Library,
        };
        var notes = Reporting.CellFormat.AnnualIrr(AnnualIrr) is string && AnnualIrr is { } irr ? new[] { Reporting.CellFormat.IrrNote(Model.Name, irr) } : [];
        return new Reporting.ResultReport($"Projection of {Model.Name}", run, ToTables(), notes);
    }

    /// <summary>Writes the table as CSV (invariant culture, round-trip precision): one row per period, one column per line.</summary>
    /// <param name="writer">Destination.</param>
    /// <exception cref="ArgumentNullException"><paramref name="writer"/> is null.</exception>
    public void WriteCsv(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write("period,year,survival,expected_cash_flow,discount_factor,present_value,cumulative_present_value");
        foreach (var name in _lineNames)
        {
            writer.Write(',');
            writer.Write(Csv.Escape(name));
        }

        writer.Write('\n');
        for (var t = 0; t < _rows.Length; t++)
        {
            var row = _rows[t];
            writer.Write(string.Create(CultureInfo.InvariantCulture,
                $"{row.Period},{row.Year},{row.Survival:R},{row.ExpectedCashFlow:R},{row.DiscountFactor:R},{row.PresentValue:R},{row.CumulativePresentValue:R}"));
            foreach (var line in _lines)
            {
                writer.Write(',');
                writer.Write(line[t].ToString("R", CultureInfo.InvariantCulture));
            }

            writer.Write('\n');
        }
    }

    /// <summary>Writes the summary and the table as one JSON document (UTF-8).</summary>
    /// <param name="stream">Destination.</param>
    /// <param name="indented">Whether to indent.</param>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is null.</exception>
    public void WriteJson(Stream stream, bool indented = true)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = indented });
        json.WriteStartObject();
        json.WriteString("model", Model.Name);
        json.WriteNumber("clv", Clv);
        json.WriteNumber("acquisitionCost", AcquisitionCost);
        json.WriteNumber("peakFundingPerCustomer", PeakFundingPerCustomer);
        json.WriteNumber("peakFundingPeriod", PeakFundingPeriod);
        if (BreakEvenYear is int y)
        {
            json.WriteNumber("breakEvenYear", y);
        }
        else
        {
            json.WriteNull("breakEvenYear");
        }

        WriteNullable(json, "breakEvenMonthFirstCrossing", BreakEven.FirstCrossing);
        WriteNullable(json, "breakEvenMonthFinalRun", BreakEven.FinalRunStart);
        WriteNullable(json, "paybackMonths", PaybackMonths);
        if (AnnualIrr is double irr)
        {
            json.WriteNumber("annualIrr", irr);
        }
        else
        {
            json.WriteNull("annualIrr");
        }

        json.WriteString("irrStatus", Irr.Status.ToString());
        json.WriteStartArray("cohorts");
        foreach (var c in _cohorts)
        {
            json.WriteStartObject();
            json.WriteNumber("acquisitionAge", c.AcquisitionAge);
            json.WriteNumber("share", c.Share);
            json.WriteNumber("periods", c.Periods);
            json.WriteNumber("clv", c.Clv);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("lines");
        foreach (var name in _lineNames)
        {
            json.WriteStringValue(name);
        }

        json.WriteEndArray();
        json.WriteStartArray("periods");
        for (var t = 0; t < _rows.Length; t++)
        {
            var row = _rows[t];
            json.WriteStartObject();
            json.WriteNumber("period", row.Period);
            json.WriteNumber("survival", row.Survival);
            json.WriteNumber("expectedCashFlow", row.ExpectedCashFlow);
            json.WriteNumber("discountFactor", row.DiscountFactor);
            json.WriteNumber("presentValue", row.PresentValue);
            json.WriteNumber("cumulativePresentValue", row.CumulativePresentValue);
            json.WriteStartArray("lines");
            foreach (var line in _lines)
            {
                json.WriteNumberValue(line[t]);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteNullable(Utf8JsonWriter json, string name, int? value)
    {
        if (value is int v)
        {
            json.WriteNumber(name, v);
        }
        else
        {
            json.WriteNull(name);
        }
    }
}
