using System.Globalization;
using BankVsHotel;
using LifetimeValue.Comparison;

namespace LifetimeValue.Tests.Comparison;

/// <summary>
/// The README's headline comparison (samples/BankVsHotel with its defaults: 1,000 Vasicek scenarios × 2,000 customers, seed
/// 2026) states an interval and a verdict; they must be what the sample prints, and the verdict must hold for other seeds.
/// Slow: nine comparisons of 4 million lifetimes each.
/// </summary>
[Category("Slow")]
public sealed class HeadlineStabilityTests
{
    [Test]
    public void Headline_ReadmeStatesTheSamplesVerdict_AndItHoldsForEightOtherSeeds()
    {
        var headline = BankVsHotelSample.Compare().Differences[0];
        var readme = File.ReadAllText(Path.Combine(RepositoryRoot(), "README.md"));

        headline.Verdict.Should().Be(ComparisonVerdict.FirstBetter);
        readme.Should().Contain(headline.Statement, "the README quotes the sample's verdict word for word");

        for (ulong seed = 1; seed <= 8; seed++)
        {
            var d = BankVsHotelSample.Compare(seed: seed).Differences[0];
            TestContext.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"seed {seed}: bank − hotel {d.ExpectedClv.Mean:F2} ± {d.ExpectedClv.HalfWidth:F2} (CI {d.ExpectedClv.CiLow:F2} to {d.ExpectedClv.CiHigh:F2}), SE {d.ExpectedClv.StandardError:F2}, bank ahead in {d.FirstAheadShare:P0}: {d.Verdict}"));
            d.Verdict.Should().Be(ComparisonVerdict.FirstBetter, $"seed {seed}: the headline ranking must not depend on the seed");
            (d.ExpectedClv.CiLow <= headline.ExpectedClv.CiHigh && headline.ExpectedClv.CiLow <= d.ExpectedClv.CiHigh).Should()
                .BeTrue($"seed {seed}: its interval must overlap the README's");
        }
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "LifetimeValue.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("LifetimeValue.sln not found above the test's folder.");
    }
}
