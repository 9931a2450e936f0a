using System.Globalization;

namespace MlNetNeural.Reports.Writing;

/// <summary>The single-valued model-card entries that are filled in, as (label, text) pairs for both writers.</summary>
internal static class ModelCardFacts
{
    public static IReadOnlyList<(string Label, string Value)> Of(EvaluationReport report)
    {
        var card = report.ModelCard;
        var facts = new List<(string, string)>();
        void Add(string label, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value)) facts.Add((label, value));
        }

        Add("Intended use", card?.IntendedUse);
        Add("Limitations", card?.Limitations);
        Add("Trainer", card?.TrainerName);
        Add("Training rows", Count(card?.TrainingRowCount));
        Add("Validation rows", Count(card?.ValidationRowCount));
        Add("Test rows", Count(card?.TestRowCount));
        Add("Rows evaluated in this report", report.EvaluatedRowCount.ToString("N0", CultureInfo.InvariantCulture));
        if (card?.History is { } history)
        {
            Add("Epochs trained", history.EpochCount.ToString(CultureInfo.InvariantCulture));
            Add("Best epoch (weights kept)", history.BestEpoch?.ToString(CultureInfo.InvariantCulture));
        }
        Add("How training ended", card?.TrainingOutcome);
        Add("Training time", card?.TrainingTime is { } time ? Duration(time) : null);
        Add("Random seed", card?.Seed?.ToString(CultureInfo.InvariantCulture));
        Add("Library", card?.LibraryVersion);
        Add("ML.NET", report.MlNetVersion);
        Add("Report created (UTC)", report.CreatedAt.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture));
        return facts;
    }

    private static string? Count(long? value) => value?.ToString("N0", CultureInfo.InvariantCulture);

    private static string Duration(TimeSpan time) => time.TotalSeconds < 1
        ? time.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture) + " ms"
        : time.TotalSeconds < 60
        ? time.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s"
        : time.ToString(time.TotalDays >= 1 ? @"d\ \d\ hh\:mm\:ss" : @"hh\:mm\:ss", CultureInfo.InvariantCulture);
}
