namespace MlNetNeural.Cli.CommandLine;

/// <summary>The command line is wrong; the message says how, and the usage of the command follows it.</summary>
internal sealed class UsageException(string message, string? command = null) : Exception(message)
{
    /// <summary>The command whose usage to show, or null for the general usage.</summary>
    public string? Command { get; } = command;
}
