using System.Globalization;
using MlNetNeural.Tabular;

namespace MlNetNeural.Cli.Display;

/// <summary>How trials and metrics are written, the same on the console and in the report.</summary>
internal static class TrialText
{
    /// <summary>A metric value: 4 decimals for AUC and accuracy, 4 significant digits for RMSE; "-" for none.</summary>
    public static string Metric(TabularMetric metric, double? value) => value is not { } v || double.IsNaN(v) ? "-"
        : metric.HigherIsBetter ? v.ToString("0.0000", CultureInfo.InvariantCulture) : Significant(v);

    /// <summary>A number with 4 significant digits, thousands grouped from 1,000 on (e.g. 5.312, 24,192).</summary>
    public static string Significant(double value) => Math.Abs(value) >= 1000
        ? value.ToString("#,##0", CultureInfo.InvariantCulture)
        : value.ToString("G4", CultureInfo.InvariantCulture);

    /// <summary>The rung and its epochs, e.g. <c>rung 1 (33 epochs)</c>.</summary>
    public static string Rung(MlpTrial trial) => $"rung {trial.Rung} ({trial.Epochs} epochs)";

    /// <summary>How the trial ended, in words: its metric, or why it does not count.</summary>
    public static string Outcome(TabularMetric metric, MlpTrial trial) => trial.Outcome switch
    {
        MlpTrialOutcome.Completed => $"{metric.DisplayName} {Metric(metric, trial.Metric)}",
        MlpTrialOutcome.Cut => "cut (time budget or Ctrl+C), not counted",
        _ => $"failed, not counted: {trial.Message}",
    };

    /// <summary>A completed trial's metric with its standard error, e.g. <c>0.9901 ± 0.0041</c> (without one, the metric alone).</summary>
    public static string MetricWithError(TabularMetric metric, MlpTrial trial) =>
        Metric(metric, trial.Metric) + (double.IsFinite(trial.StandardError) ? " ± " + Metric(metric, trial.StandardError) : "");

    /// <summary>Why the search ended, in words.</summary>
    public static string Stop(MlpSearchStop stop) => stop switch
    {
        MlpSearchStop.TrialLimit => "the trial limit",
        MlpSearchStop.TimeBudget => "the time budget",
        _ => "Ctrl+C",
    };

    /// <summary>
    /// What the final fit made, e.g. <c>an ensemble of 5 networks of the chosen candidate (its seed and 4 derived from it), merged into one network that averages them</c>,
    /// and, when that is fewer networks than <paramref name="requested"/> (<c>--ensemble</c>), why (<see cref="EnsembleShortfall"/>).
    /// </summary>
    public static string Ensemble(TabularMlpResult result, int requested)
    {
        int members = result.EnsembleMembers;
        string made = members == 1 ? "one network of the chosen candidate"
            : $"an ensemble of {members} networks of the chosen candidate (its seed and {members - 1} derived from it), merged into one network that averages them";
        return EnsembleShortfall(result, requested) is { } why ? $"{made} ({requested} asked for: {why})" : made;
    }

    /// <summary>
    /// Why the model averages fewer networks than <paramref name="requested"/>, in words; null when it averages all of them. One cause
    /// is named, the one that decided the number: the final fit's clock or Ctrl+C when they ended it before the networks it planned,
    /// else the time budget the search judged to hold only that many.
    /// </summary>
    public static string? EnsembleShortfall(TabularMlpResult result, int requested)
    {
        int members = result.EnsembleMembers;
        if (members >= requested) return null;
        string after = members == 1 ? "the first network" : $"{members} networks";
        if (members < result.EnsembleSize)
            return result.EnsembleCutByBudget
                ? $"the time budget ended the final fit after {after}: another would have ended more than {TabularMlp.FinalFitGrace * 100:0}% past it"
                : $"Ctrl+C ended the final fit after {after}";
        return $"the time budget held {members}: one network took {Seconds(result.FinalFitSeconds / members)} on every training row";
    }

    /// <summary>The time the search kept for the ensemble, in words, or an empty text when it kept none.</summary>
    public static string Reserve(MlpSearchResult search) =>
        search.ReservedSeconds > 0 ? $" ({search.ReservedSeconds:0} s of the budget kept for the ensemble's further members)" : "";

    /// <summary>Seconds with one decimal.</summary>
    public static string Seconds(double seconds) => seconds.ToString("0.0", CultureInfo.InvariantCulture) + " s";

    /// <summary>One line for a finished trial, e.g. <c>trial 12  candidate 9  rung 1 (33 epochs)  AUC 0.8712  1.4 s  [128, 128] ...</c>.</summary>
    public static string Line(TabularMetric metric, MlpTrial trial) =>
        $"trial {trial.Number,3}  candidate {trial.CandidateNumber,3}  {Rung(trial),-19} {Outcome(metric, trial),-22} {Seconds(trial.Seconds),7}  {trial.Candidate}";
}
