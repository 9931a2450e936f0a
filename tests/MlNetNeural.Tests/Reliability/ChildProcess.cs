using System.Diagnostics;

namespace MlNetNeural.Tests.Reliability;

/// <summary>
/// The entry point of this test assembly when a test starts it as a child process (<c>dotnet MlNetNeural.Tests.dll save-loop ...</c>),
/// so that a test can kill a real process in the middle of a save. xunit does not use it.
/// </summary>
public static class ChildProcess
{
    /// <summary>Runs the command named by the first argument; 0 when there is none (xunit's own runs never call this).</summary>
    public static int Main(string[] args) => args switch
    {
        ["save-loop", string path] => SaveLoop.Run(path),
        _ => 0,
    };

    /// <summary>Starts this assembly as a child process with <paramref name="arguments"/>, output redirected.</summary>
    public static Process Start(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(typeof(ChildProcess).Assembly.Location);
        foreach (string argument in arguments) start.ArgumentList.Add(argument);
        return Process.Start(start)!;
    }
}
