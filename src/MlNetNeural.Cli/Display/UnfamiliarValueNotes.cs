using Microsoft.ML;
using MlNetNeural.Tabular;

namespace MlNetNeural.Cli.Display;

/// <summary>The NOTE lines of <c>predict</c> and <c>evaluate</c> for values the training rows never had (<see cref="UnfamiliarValues"/>).</summary>
internal static class UnfamiliarValueNotes
{
    /// <summary>One NOTE per column whose scored rows hold a missing number or a level the training rows never had; returns what it found, for a report.</summary>
    public static IReadOnlyList<UnfamiliarValues> Write(CliEnvironment environment, TabularSchema decisions, IDataView scored)
    {
        var found = UnfamiliarValues.Find(decisions, scored);
        foreach (var values in found) environment.Line($"NOTE {values.Column}: {values.Description}.");
        return found;
    }
}
