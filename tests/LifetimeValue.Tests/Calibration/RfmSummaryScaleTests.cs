using System.Globalization;
using LifetimeValue.Calibration;

namespace LifetimeValue.Tests.Calibration;

[Category("Slow")]
public sealed class RfmSummaryScaleTests
{
    /// <summary>A 10-million-line CSV produced on the fly (never materialised), sorted by date.</summary>
    private sealed class GeneratedLog(long lines, int customers) : TextReader
    {
        private long _next = -1;

        public override string? ReadLine()
        {
            if (_next >= lines)
            {
                return null;
            }

            if (_next++ < 0)
            {
                return "customer,date,amount";
            }

            long k = _next - 1;
            long customer = (k * 2654435761L) % customers;
            var date = new DateOnly(2020, 1, 1).AddDays((int)(k * 730 / lines));
            return string.Create(CultureInfo.InvariantCulture, $"C{customer},{date:yyyy-MM-dd},{(k % 997) / 10.0}");
        }
    }

    [Test]
    [Explicit("~8 s; run by name: dotnet test --filter Name=FromCsv_TenMillionRows_StreamsInCustomerSizedMemory")]
    public void FromCsv_TenMillionRows_StreamsInCustomerSizedMemory()
    {
        const long Lines = 10_000_000;
        const int Customers = 100_000;
        long before = GC.GetTotalMemory(true);
        var summary = RfmSummary.FromCsv(new GeneratedLog(Lines, Customers), new TransactionCsvOptions(), new DateOnly(2021, 6, 30), TimeUnit.Week, new DateOnly(2021, 12, 31));
        long after = GC.GetTotalMemory(true);

        summary.TransactionsRead.Should().Be(Lines);
        summary.Customers.Should().HaveCount(Customers);
        (after - before).Should().BeLessThan(200L << 20, "memory is O(customers), not O(rows): the 10M-row text is ~300 MB and never held");

        // The generated customers buy at a steady rate until the end and never drop out: BG/NBD's dropout Beta(a, b)
        // runs off to a boundary, and the fit must say so instead of returning a silent "success".
        var act = () => BgNbdModel.Fit(summary.Histories());
        act.Should().Throw<ModelFitException>().WithMessage("*not positive definite*do not identify*")
            .Which.Diagnostics!.HessianPositiveDefinite.Should().BeFalse();
    }
}
