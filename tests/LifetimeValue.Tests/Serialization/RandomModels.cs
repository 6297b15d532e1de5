using LifetimeValue.Discounting;
using LifetimeValue.Lifecycle;

namespace LifetimeValue.Tests.Serialization;

/// <summary>Random valid lifecycle models with full-precision doubles, for round-trip tests.</summary>
internal static class RandomModels
{
    public static LifecycleModel Lifecycle(System.Random random)
    {
        var start = random.Next(0, 40);
        var stageCount = random.Next(1, 6);
        var stages = new LifeStage[stageCount];
        var age = start;
        for (var s = 0; s < stageCount; s++)
        {
            var end = age + random.Next(1, 15);
            var products = new Product[random.Next(0, 4)];
            for (var p = 0; p < products.Length; p++)
            {
                products[p] = new Product($"product {s}.{p} \"quoted\" ü", random.NextDouble(), Margin(random, age, end), random.Next(0, 2) == 0 ? 0 : random.NextDouble() * 10);
            }

            stages[s] = new LifeStage($"stage {s}", age, end, random.NextDouble() * 0.3, products, random.Next(0, 3) == 0 ? null : Margin(random, age, end));
            age = end;
        }

        var ladderEnd = age;
        var firstAge = start + random.Next(0, Math.Min(3, ladderEnd - start));
        var lastAge = Math.Min(ladderEnd - 1, firstAge + random.Next(0, 4));
        var shares = new List<(int, int)>();
        for (var a = firstAge; a <= lastAge; a++)
        {
            shares.Add((a, random.Next(1, 5)));
        }

        var horizon = random.Next(0, 2) == 0 || ladderEnd - lastAge > 100
            ? Horizon.Months(random.Next(1, Math.Min(1200, 12 * (ladderEnd - lastAge)) + 1))
            : Horizon.ToAge(ladderEnd);
        Discount discount = random.Next(0, 3) switch
        {
            0 => Discount.FlatAnnual((random.NextDouble() * 0.2) - 0.01),
            1 => Discount.ShortRatePlus(random.NextDouble() * 0.05),
            _ => new ZeroCurveDiscounting([0.5, 2.0 + random.NextDouble(), 30], [random.NextDouble() * 0.05, random.NextDouble() * 0.05, random.NextDouble() * 0.05]),
        };
        return new LifecycleModel($"random {random.Next()}", new StageLadder(stages), AcquisitionProfile.FromWeights(shares),
            random.NextDouble() * 500, horizon, discount);
    }

    private static MarginSchedule Margin(System.Random random, int from, int to) => random.Next(0, 4) switch
    {
        0 => MarginSchedule.Fixed((random.NextDouble() - 0.3) * 100),
        1 => MarginSchedule.RateLinear((random.NextDouble() - 0.5) * 100, (random.NextDouble() - 0.5) * 2000),
        2 => MarginSchedule.Loan(random.NextDouble() * 200_000, to - from > 1 ? AgeSchedule.Ramp(from, random.NextDouble() * 0.1, to - 1, random.NextDouble() * 0.1) : AgeSchedule.Constant(0.05), random.NextDouble() * 0.01),
        _ => MarginSchedule.Deposit(random.NextDouble() * 50_000, AgeSchedule.Steps((0, random.NextDouble() * 0.02), (from + 1, random.NextDouble() * 0.03))),
    };
}
