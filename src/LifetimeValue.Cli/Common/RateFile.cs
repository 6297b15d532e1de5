using LifetimeValue.Calibration.Panel;

namespace LifetimeValue.Cli.Common;

/// <summary>Reads the monthly short-rate file of <c>calibrate-panel</c> and <c>synthetic-panel</c> (<c>--rates</c>).</summary>
internal static class RateFile
{
    /// <summary>The rates in <paramref name="path"/>, or null when no file is given; a missing or malformed file is invalid input (exit 2) naming the file.</summary>
    public static MonthlyRates? Read(string? path)
    {
        if (path is null)
        {
            return null;
        }

        if (!File.Exists(path))
        {
            throw CliException.Invalid($"{path}: no such rate file.");
        }

        try
        {
            return MonthlyRates.ReadCsv(path);
        }
        catch (PanelFormatException e)
        {
            throw CliException.Invalid($"{path}: {e.Message}", e);
        }
    }
}
