namespace LifetimeValue.Calibration.Panel;

/// <summary>Which observed quantity becomes a product's <see cref="Lifecycle.Product.AdoptionProbability"/> in the fitted model.</summary>
public enum AdoptionBasis
{
    /// <summary>
    /// The model's own definition (the default): the probability that a customer holds the product in the first month of a
    /// stage — the month of the birthday that starts it, the acquisition month, or the first month the panel sees the customer
    /// in the stage. The simulators draw adoption once at stage entry and keep it for the whole stage, so under the model
    /// this is the probability they use; one binomial observation per customer and stage.
    /// </summary>
    StageEntry,

    /// <summary>
    /// The share of the stage's customer-months in which the product is held. Equal to <see cref="StageEntry"/> when the data
    /// follow the model; when customers open products during a stage it matches the expected number of holders (and so the
    /// expected revenue) month by month instead. Standard errors are clustered by customer and stage.
    /// </summary>
    MonthlyHolding,
}
