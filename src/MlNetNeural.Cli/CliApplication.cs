using Spectre.Console;
using MlNetNeural.Cli.CommandLine;
using MlNetNeural.Cli.Commands;
using MlNetNeural.Tabular;

namespace MlNetNeural.Cli;

/// <summary>mlnn's commands: dispatch, and every failure turned into a message and an exit code (<see cref="ExitCodes"/>).</summary>
internal static class CliApplication
{
    private static readonly IReadOnlyList<ICliCommand> Commands = [new TrainCommand(), new EvaluateCommand(), new PredictCommand(), new ExportOnnxCommand()];

    /// <summary>Runs the command named by the first word of <paramref name="args"/>.</summary>
    /// <returns>The process exit code.</returns>
    public static int Run(IReadOnlyList<string> args, CliEnvironment environment)
    {
        if (args.Count == 0 || args[0] is "--help" or "-h" or "help")
        {
            environment.Line(args.Count > 1 && Find(args[1]) is { } asked ? asked.Usage : Usage);
            return args.Count == 0 ? ExitCodes.Usage : ExitCodes.Success;
        }
        if (args[0] is "--version")
        {
            environment.Line($"mlnn {typeof(CliApplication).Assembly.GetName().Version?.ToString(3)}");
            return ExitCodes.Success;
        }
        var command = Find(args[0]);
        try
        {
            if (command is null) throw new UsageException($"'{args[0]}' is not an mlnn command.");
            if (args.Count > 1 && args[1] is "--help" or "-h")
            {
                environment.Line(command.Usage);
                return ExitCodes.Success;
            }
            return command.Run(args.Skip(1).ToArray(), environment);
        }
        catch (UsageException e)
        {
            environment.Error.WriteLine($"mlnn: {e.Message}");
            environment.Error.WriteLine();
            environment.Error.WriteLine(e.Command is not null && Find(e.Command) is { } c ? c.Usage : Usage);
            return ExitCodes.Usage;
        }
        catch (Exception e) when (IsInputProblem(e))
        {
            environment.Error.WriteLine($"mlnn: {e.Message}");
            return ExitCodes.BadInput;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Anything else is unexpected: say so plainly, with the details a bug report needs.
            environment.Error.WriteLine($"mlnn: {args[0]} failed: {e.GetBaseException().Message}");
            environment.Error.WriteLine($"This was not expected; please report it with the command line and this trace:\n{e}");
            return ExitCodes.BadInput;
        }
    }

    /// <summary>Problems with the user's files or data, reported by their message alone (it names the file, row, column or value).</summary>
    private static bool IsInputProblem(Exception e) => e is TabularDataException or FileNotFoundException or DirectoryNotFoundException
        or InvalidDataException or IOException or UnauthorizedAccessException or CliInputException;

    private static ICliCommand? Find(string name) => Commands.FirstOrDefault(c => c.Name == name);

    /// <summary>The general usage.</summary>
    public static string Usage =>
        "mlnn: a model builder for any CSV (MlNetNeural's MLP on ML.NET)\n\n" +
        "Commands:\n" + string.Join("\n", Commands.Select(c => $"  {c.Name,-12} {c.Summary}")) + "\n\n" +
        "mlnn COMMAND --help shows a command's options. Exit codes: 0 done, 1 unusable input (the message says what and where), 2 wrong command line.\n" +
        "Example: mlnn train --data credit_data.csv --label Status --time 60 --out credit";
}
