namespace MlNetNeural.Tabular;

/// <summary>What <see cref="MlpSearch"/> may spend and how it validates. Set <see cref="TimeBudget"/>, <see cref="MaxTrials"/> or both.</summary>
public sealed class MlpSearchOptions
{
    /// <summary>
    /// Wall-clock time for the search (the final fit on every training row comes after it; with an <see cref="EnsembleSize"/>
    /// above 1 the search ends earlier to leave time for the extra members). A trial still running at the end is cut and not counted. A search bounded by time alone depends on the machine's speed; to repeat one exactly,
    /// run it again with <see cref="MaxTrials"/> set to the number of trials it ran.
    /// </summary>
    public TimeSpan? TimeBudget { get; init; }

    /// <summary>The number of trials (training runs); with the same seed, data and number, the search makes the same trials and picks the same model on any machine.</summary>
    public int? MaxTrials { get; init; }

    /// <summary>Seeds the candidates, the validation split or folds and every trainer (default 1).</summary>
    public int Seed { get; init; } = 1;

    /// <summary>
    /// Folds of k-fold cross-validation; 1 validates on one stratified hold-out of <see cref="ValidationFraction"/>; null
    /// (default) chooses by size: 5 folds below 1,000 training rows, 3 below 2,000, else the hold-out (a hold-out of a small
    /// table is a noisy guide, and folds cost a fit each).
    /// </summary>
    public int? ValidationFolds { get; init; }

    /// <summary>Share of the training rows held out for validation when there is one hold-out (default 0.2).</summary>
    public double ValidationFraction { get; init; } = 0.2;

    /// <summary>
    /// Rungs of successive halving (default 3). The top rung trains for the defaults' epochs (<c>MaxEpochs</c> of
    /// <c>new Mlp*Trainer.Options()</c>), each rung below for 1/<see cref="ReductionFactor"/> of the one above.
    /// </summary>
    public int RungCount { get; init; } = 3;

    /// <summary>η of successive halving: the best 1/η of a rung climb to the next, which trains η times longer (default 3, as Li et al. 2020).</summary>
    public int ReductionFactor { get; init; } = 3;

    /// <summary>
    /// Networks the final fit trains and averages (the trainer's <c>EnsembleSize</c>: the chosen candidate with its seed and
    /// seeds derived from it, merged into one network); 1 fits a single network. Default <see cref="DefaultEnsembleSize"/>.
    /// With a <see cref="TimeBudget"/>, the search leaves time for the members beyond the first, so that search and final fit
    /// take about as long as a search and one fit: it ends when the time spent plus (EnsembleSize − 1) times the estimated
    /// time of one final fit of the best candidate so far reaches the budget (an estimate from that candidate's trial,
    /// scaled to every training row), keeping at least half the budget for the search; when half the budget holds fewer
    /// fits than that, the final fit trains only as many (<see cref="MlpSearchResult.FinalEnsembleSize"/>, at least one), so a
    /// large table's run is not several times its budget. <see cref="MaxTrials"/> alone reserves nothing and trains all of
    /// them, so the same trials give the same model.
    /// </summary>
    public int EnsembleSize { get; init; } = DefaultEnsembleSize;

    /// <summary>The default <see cref="EnsembleSize"/>: 5 (measured on the nine tables of docs/cli.md).</summary>
    public const int DefaultEnsembleSize = 5;

    /// <summary>Where candidates are drawn from (default <see cref="MlpSearchSpace.Default"/>).</summary>
    public MlpSearchSpace Space { get; init; } = MlpSearchSpace.Default;

    /// <summary>Ends the search early (e.g. Ctrl+C); the running trial is cut and the best candidate so far is the result.</summary>
    public CancellationToken Stop { get; init; }

    /// <summary>Called on the searching thread when a trial starts, after each of its epochs, and when it ends.</summary>
    public Action<MlpSearchProgress>? Progress { get; init; }

    internal void Validate()
    {
        if (TimeBudget is null && MaxTrials is null)
            throw new ArgumentException($"Set {nameof(TimeBudget)} or {nameof(MaxTrials)}: the search needs a limit.");
        if (TimeBudget is { } budget && budget <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(TimeBudget), budget, "The time budget must be positive.");
        if (MaxTrials is < 1)
            throw new ArgumentOutOfRangeException(nameof(MaxTrials), MaxTrials, "The number of trials must be at least 1.");
        if (ValidationFolds is < 1)
            throw new ArgumentOutOfRangeException(nameof(ValidationFolds), ValidationFolds, "Folds must be at least 1 (1 = one hold-out).");
        if (!(ValidationFraction > 0 && ValidationFraction < 1))
            throw new ArgumentOutOfRangeException(nameof(ValidationFraction), ValidationFraction, "The validation fraction must be between 0 and 1, e.g. 0.2.");
        if (RungCount < 1)
            throw new ArgumentOutOfRangeException(nameof(RungCount), RungCount, "There must be at least one rung.");
        if (EnsembleSize < 1)
            throw new ArgumentOutOfRangeException(nameof(EnsembleSize), EnsembleSize, "The ensemble size must be at least 1 (1 fits a single network).");
        if (ReductionFactor < 2)
            throw new ArgumentOutOfRangeException(nameof(ReductionFactor), ReductionFactor, "The reduction factor must be at least 2.");
        ArgumentNullException.ThrowIfNull(Space, nameof(Space));
        if (!(Space.ColumnSelectionShare >= 0 && Space.ColumnSelectionShare <= 1))
            throw new ArgumentOutOfRangeException(nameof(Space), Space.ColumnSelectionShare, $"{nameof(MlpSearchSpace.ColumnSelectionShare)} must be between 0 (no column selection) and 1.");
        if (Space.MinimumColumnsForSelection < 4)
            throw new ArgumentOutOfRangeException(nameof(Space), Space.MinimumColumnsForSelection, $"{nameof(MlpSearchSpace.MinimumColumnsForSelection)} must be at least 4 (a selection keeps half the columns or fewer, at least 2).");
    }
}
