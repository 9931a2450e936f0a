namespace MlNetNeural.Cli.CommandLine;

/// <summary>The process exit codes of mlnn.</summary>
internal static class ExitCodes
{
    /// <summary>The command did what it was asked (a search ended by Ctrl+C still writes everything and succeeds).</summary>
    public const int Success = 0;

    /// <summary>The input could not be used: a missing or unreadable file, a label problem, a bad value in the data, a model that cannot be exported.</summary>
    public const int BadInput = 1;

    /// <summary>The command line is wrong: an unknown command or option, a missing or malformed value.</summary>
    public const int Usage = 2;
}
