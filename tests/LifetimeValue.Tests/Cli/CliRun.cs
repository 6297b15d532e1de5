using LifetimeValue.Cli;

namespace LifetimeValue.Tests.Cli;

/// <summary>Runs the tool in process with captured standard output and error.</summary>
internal static class CliRun
{
    public static (int Code, string Out, string Err) Run(params string[] args) => Run(CancellationToken.None, args);

    public static (int Code, string Out, string Err) Run(CancellationToken cancellationToken, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = LifetimeValue.Cli.Cli.Invoke(args, output, error, cancellationToken);
        return (code, output.ToString(), error.ToString());
    }

    /// <summary>A fresh temporary folder, deleted on dispose.</summary>
    public sealed class TempFolder : IDisposable
    {
        public TempFolder() => Directory.CreateDirectory(Path);

        public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"lv-cli-{Guid.NewGuid():N}");

        public string File(string name) => System.IO.Path.Combine(Path, name);

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }

    public static int Ok => ExitCodes.Ok;
}
