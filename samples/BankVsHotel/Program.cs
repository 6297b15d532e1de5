using System.Globalization;
using LifetimeValue;
using LifetimeValue.Projection;

// The README's main command: the bundled "bank" preset's exact expected-value projection.
var projection = ExpectedValueEngine.Project(Presets.Bank(), Presets.BankRates());
var inv = CultureInfo.InvariantCulture;
Console.WriteLine($"Model: {projection.Model.Name} (customer-centric lifetime strategy), flat short rate 3 %");
Console.WriteLine(string.Format(inv, "CLV per acquired customer:     {0,12:N2}", projection.Clv));
Console.WriteLine(string.Format(inv, "Peak funding per customer:     {0,12:N2} (end of month {1})", projection.PeakFundingPerCustomer, projection.PeakFundingPeriod + 1));
Console.WriteLine(string.Format(inv, "Peak funding, 10,000 cohort:   {0,12:N0}", projection.PeakFunding(10_000)));
Console.WriteLine(string.Format(inv, "Break-even year:               {0,12}", projection.BreakEvenYear?.ToString(inv) ?? "never"));
Console.WriteLine();
Console.WriteLine("Year  Survival  Expected CF/yr  Cumulative PV");
for (var year = 1; year <= projection.YearEndCumulativePresentValue.Count; year += 5)
{
    var rows = projection.Rows.Skip((year - 1) * 12).Take(12).ToList();
    Console.WriteLine(string.Format(inv, "{0,4}  {1,8:P1}  {2,14:N2}  {3,13:N2}", year, rows[0].Survival, rows.Sum(r => r.ExpectedCashFlow), projection.YearEndCumulativePresentValue[year - 1]));
}
