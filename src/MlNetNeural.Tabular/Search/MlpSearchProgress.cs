namespace MlNetNeural.Tabular;

/// <summary>What just happened in the search.</summary>
public enum MlpSearchEvent
{
    /// <summary>A trial started (<see cref="MlpSearchProgress.Trial"/> has no metric yet).</summary>
    TrialStarted,
    /// <summary>An epoch of the running trial ended.</summary>
    Epoch,
    /// <summary>A trial ended (completed, cut or failed).</summary>
    TrialFinished,
    /// <summary>The search is over and the chosen candidate is being fitted on every training row (<see cref="TabularMlp.Fit"/>); its epochs follow as <see cref="Epoch"/> events.</summary>
    FinalFit,
}

/// <summary>A progress report of <see cref="MlpSearch"/>, for a live display.</summary>
/// <param name="Event">What happened.</param>
/// <param name="Trial">The trial concerned (while running: its metric is NaN and its outcome says nothing yet).</param>
/// <param name="EpochsDone">Epochs done in the running trial, over all its folds.</param>
/// <param name="EpochsTotal">Epochs the running trial will train, over all its folds.</param>
/// <param name="Best">The best completed trial so far (the current choice), or null.</param>
/// <param name="Elapsed">Time since the search started.</param>
/// <param name="Remaining">Time left of the budget, or null without one.</param>
/// <param name="TrialsLeft">Trials left of <see cref="MlpSearchOptions.MaxTrials"/>, or null without one.</param>
public sealed record MlpSearchProgress(MlpSearchEvent Event, MlpTrial Trial, int EpochsDone, int EpochsTotal, MlpTrial? Best, TimeSpan Elapsed,
    TimeSpan? Remaining, int? TrialsLeft);
