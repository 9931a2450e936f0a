namespace CreditScoring;

/// <summary>What the credit-scoring study runs on and how much work it does.</summary>
public sealed record StudySettings
{
    /// <summary>The Statlog German Credit CSV.</summary>
    public string DataPath { get; init; } = CreditData.DefaultPath;

    /// <summary>Where the model, decision policy and reports are written. Default artifacts/credit-scoring under the current directory.</summary>
    public string OutputDirectory { get; init; } = Path.GetFullPath(Path.Combine("artifacts", "credit-scoring"));

    /// <summary>Use only the first N rows of the file (null = all 1,000), e.g. for a fast test.</summary>
    public int? RowLimit { get; init; }

    /// <summary>Outer folds: each is scored once by models that never saw it. Default 5.</summary>
    public int OuterFolds { get; init; } = 5;

    /// <summary>Inner folds per training set, for the out-of-fold scores that choose threshold and calibration. Default 5.</summary>
    public int InnerFolds { get; init; } = 5;

    /// <summary>Shuffles per attribute and outer fold for the permutation importance. Default 3.</summary>
    public int PermutationCount { get; init; } = 3;

    /// <summary>The MLP's settings. Default <see cref="MlpConfiguration.Chosen"/>.</summary>
    public MlpConfiguration Mlp { get; init; } = MlpConfiguration.Chosen;

    /// <summary>Seed of the MLContext, the fold assignment and every trainer.</summary>
    public int Seed { get; init; } = 1;
}
