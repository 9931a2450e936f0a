using Microsoft.ML;
using MlNetNeural.Tabular;

namespace MlNetNeural.Cli.Display;

/// <summary>The NOTE lines of <c>predict</c> and <c>evaluate</c> for values the training rows never had (<see cref="UnfamiliarValues"/>).</summary>
internal static class UnfamiliarValueNotes
{
    /// <summary>One NOTE per column whose scored rows hold a missing number or a level the training rows never had.</summary>
    public static void Write(CliEnvironment environment, TabularSchema decisions, IDataView scored)
    {
        foreach (var found in UnfamiliarValues.Find(decisions, scored))
            environment.Line($"NOTE {found.Column}: {found.Description}.");
    }
}
