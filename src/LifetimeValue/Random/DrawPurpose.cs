namespace LifetimeValue.Random;

/// <summary>
/// What a random draw is for. The purpose is part of the Philox counter, so draws for different
/// purposes never collide and adding a new kind of draw never shifts the existing ones.
/// </summary>
public enum DrawPurpose : ushort
{
    /// <summary>Attrition (leaving the relationship) in a period or stage.</summary>
    Attrition = 1,

    /// <summary>Product adoption (cross-sell) at stage entry.</summary>
    Adoption = 2,

    /// <summary>Shocks of an economic (interest-rate) scenario.</summary>
    RateShock = 3,

    /// <summary>Per-customer parameters drawn from a heterogeneity distribution.</summary>
    Heterogeneity = 4,

    /// <summary>Transitions of the relationship-state Markov chain (active, dormant, lost, win-back).</summary>
    StateTransition = 5,

    /// <summary>Purchases, service failures and referrals of the customer-focused model.</summary>
    Purchase = 6,

    /// <summary>Seeding of a sequential per-path generator (one Philox block per path).</summary>
    StreamSeed = 7,

    /// <summary>Draws made by calibration code (bootstrap resampling, synthetic data).</summary>
    Calibration = 8,
}
