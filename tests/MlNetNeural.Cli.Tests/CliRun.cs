using Spectre.Console;

namespace MlNetNeural.Cli.Tests;

/// <summary>Runs mlnn in process, as a redirected (non-interactive) console would, and keeps what it wrote.</summary>
internal sealed record CliRun(int ExitCode, string Output, string Error)
{
    public static CliRun Of(params string[] args) => Of(args, CancellationToken.None);

    public static CliRun Of(IReadOnlyList<string> args, CancellationToken stopSearch, TextWriter? output = null)
    {
        var outText = output ?? new StringWriter();
        var errText = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(outText),
        });
        console.Profile.Width = 160;
        int code = CliApplication.Run(args, new CliEnvironment(console, errText, stopSearch));
        return new CliRun(code, outText.ToString()!, errText.ToString());
    }

    public override string ToString() => $"exit {ExitCode}\n--- output\n{Output}\n--- error\n{Error}";
}
