namespace MlNetNeural.Tabular;

/// <summary>Why the search ended.</summary>
public enum MlpSearchStop
{
    /// <summary>It ran <see cref="MlpSearchOptions.MaxTrials"/> trials.</summary>
    TrialLimit,
    /// <summary>The time budget ran out (less the time kept for the final fit's extra ensemble members).</summary>
    TimeBudget,
    /// <summary><see cref="MlpSearchOptions.Stop"/> was signalled (e.g. Ctrl+C).</summary>
    Stopped,
}

/// <summary>The trials of a search and the one it chose.</summary>
/// <param name="Metric">The metric trials were compared by.</param>
/// <param name="Validation">How trials were validated, in words (e.g. "5-fold cross-validation of 380 rows").</param>
/// <param name="Trials">Every trial, in order.</param>
/// <param name="Best">The chosen trial: the best completed one of the highest rung any trial completed (the defaults are trained at the top rung first, so normally the top rung); null when no trial completed.</param>
/// <param name="StoppedBy">Why the search ended.</param>
/// <param name="Seconds">Wall-clock seconds of the search.</param>
/// <param name="RungEpochs">The epochs of each rung, lowest first.</param>
/// <param name="ReservedSeconds">Seconds of the time budget the search left for the final fit's extra ensemble members (0 without a time budget or an ensemble).</param>
/// <param name="FinalEnsembleSize">
/// Networks the final fit is to train: <see cref="MlpSearchOptions.EnsembleSize"/>, or with a time budget as many as the
/// time kept for them holds (fewer only when one fit of the chosen candidate takes more than a quarter of the budget or so).
/// </param>
/// <param name="DefaultsEpochs">
/// When no trial completed because the time budget cut the first (the defaults, cut at <see cref="MlpSearch.FirstTrialShare"/>
/// of the budget): the epochs of the defaults that the rest of the budget holds at that trial's pace on every training row
/// (at least 1, at most the top rung's); null otherwise. <see cref="TabularMlp.Fit"/> fits the defaults for that many.
/// </param>
public sealed record MlpSearchResult(TabularMetric Metric, string Validation, IReadOnlyList<MlpTrial> Trials, MlpTrial? Best, MlpSearchStop StoppedBy,
    double Seconds, IReadOnlyList<int> RungEpochs, double ReservedSeconds = 0, int FinalEnsembleSize = 1, int? DefaultsEpochs = null)
{
    /// <summary>The trials whose candidate climbed from their rung to the next.</summary>
    public IReadOnlySet<int> PromotedTrialNumbers =>
        Trials.Where(t => t.Outcome == MlpTrialOutcome.Completed && Trials.Any(u => u.CandidateNumber == t.CandidateNumber && u.Rung > t.Rung))
            .Select(t => t.Number).ToHashSet();
}
