namespace LifetimeValue.Orleans;

/// <summary>Where the scenarios of a <see cref="SimulationJob"/> come from (see <see cref="ScenarioSpec"/>).</summary>
public enum ScenarioSource
{
    /// <summary>One scenario with the same short rate in every period (<see cref="Scenarios.ScenarioSet.Constant"/>).</summary>
    Constant = 0,

    /// <summary>Paths generated from a Vasicek model with a seed (<see cref="Scenarios.ScenarioSet.Generate"/>).</summary>
    Vasicek = 1,

    /// <summary>Paths generated from a Cox–Ingersoll–Ross model with a seed (<see cref="Scenarios.ScenarioSet.Generate"/>).</summary>
    CoxIngersollRoss = 2,

    /// <summary>A scenario set registered under a name in each process's <see cref="ISimulationInputResolver"/>
    /// (for example a CSV file on a shared volume).</summary>
    Named = 3,

    /// <summary>The <c>scenarios</c> section of the model file the job carries (<see cref="SimulationJob.ModelFile"/>):
    /// constant, short-rate or CSV scenarios exactly as <c>lifetimevalue simulate</c> reads them.</summary>
    ModelFile = 4,
}
