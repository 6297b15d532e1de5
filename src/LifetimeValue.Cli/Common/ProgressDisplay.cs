using LifetimeValue.Simulation;
using Spectre.Console;

namespace LifetimeValue.Cli.Common;

/// <summary>
/// Shows a Spectre.Console progress bar on standard error while a simulation runs, when standard error is an
/// interactive terminal; otherwise runs silently (plain output for logs and pipes).
/// </summary>
internal static class ProgressDisplay
{
    public static T Run<T>(CliEnvironment env, string label, Func<IProgress<SimulationProgress>?, T> work)
    {
        if (!env.ErrorIsTerminal)
        {
            return work(null);
        }

        var console = env.CreateErrorConsole();
        if (!console.Profile.Capabilities.Interactive)
        {
            return work(null);
        }

        return console.Progress()
            .AutoClear(true)
            .StartAsync(context =>
            {
                var task = context.AddTask(label, maxValue: 1.0);
                return Task.Run(() => work(new Reporter(task)));
            })
            .GetAwaiter()
            .GetResult();
    }

    private sealed class Reporter(ProgressTask task) : IProgress<SimulationProgress>
    {
        public void Report(SimulationProgress value)
        {
            lock (task)
            {
                task.MaxValue = value.TotalChunks;
                task.Value = Math.Max(task.Value, value.CompletedChunks);
            }
        }
    }
}
