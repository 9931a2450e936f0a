using Spectre.Console;

namespace MlNetNeural.Cli;

/// <summary>
/// Where a command writes and what can stop it: the console for results and progress, a writer for error messages,
/// and the stop signals of Ctrl+C (the first ends the search, the second ends the final fit early).
/// </summary>
/// <param name="Console">Results and progress (live when it is an interactive terminal, plain lines otherwise).</param>
/// <param name="Error">Error messages (standard error).</param>
/// <param name="StopSearch">Signalled by the first Ctrl+C.</param>
/// <param name="StopFinalFit">Signalled by the second Ctrl+C.</param>
internal sealed record CliEnvironment(IAnsiConsole Console, TextWriter Error, CancellationToken StopSearch = default, CancellationToken StopFinalFit = default)
{
    /// <summary>Writes one line as it is (no wrapping at the console's width, which would break lines in logs).</summary>
    public void Line(string text = "") => Console.Profile.Out.Writer.WriteLine(text);

    /// <summary>Whether progress can be drawn in place (an interactive terminal that understands ANSI codes).</summary>
    public bool IsLive => Console.Profile.Capabilities.Interactive && Console.Profile.Capabilities.Ansi;
}
