namespace MlNetNeural.Cli.Commands;

/// <summary>One mlnn command.</summary>
internal interface ICliCommand
{
    /// <summary>The word that selects it, e.g. <c>train</c>.</summary>
    string Name { get; }

    /// <summary>One line for the general usage.</summary>
    string Summary { get; }

    /// <summary>The command's options.</summary>
    string Usage { get; }

    /// <summary>Runs it with the words after its name; returns the exit code. Throws <see cref="CommandLine.UsageException"/> for a wrong command line and the library's exceptions for unusable input.</summary>
    int Run(IReadOnlyList<string> args, CliEnvironment environment);
}
