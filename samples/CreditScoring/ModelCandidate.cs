using Microsoft.ML;
using Microsoft.ML.Trainers;
using Microsoft.ML.Trainers.LightGbm;
using MlNetNeural;
using MlNetNeural.Core.Training;
using MlNetNeural.Trainers;

namespace CreditScoring;

/// <summary>A model the study compares: a name and the trainer appended to the shared feature pipeline.</summary>
/// <param name="Name">Display name, e.g. "MLP (MlNetNeural)".</param>
/// <param name="CreateTrainer">The binary trainer for the given training rows (e.g. to weight classes by their balance).</param>
public sealed record ModelCandidate(string Name, Func<MLContext, IReadOnlyList<LabeledApplication>, IEstimator<ITransformer>> CreateTrainer)
{
    /// <summary>Feature pipeline plus this candidate's trainer, fitted on <paramref name="rows"/>.</summary>
    public ITransformer Fit(MLContext ml, IReadOnlyList<LabeledApplication> rows) =>
        CreditFeatures.Pipeline(ml).Append(CreateTrainer(ml, rows)).Fit(ml.Data.LoadFromEnumerable(rows));

    /// <summary>
    /// Our MLP. Options chosen for 1,000 rows and 61 features (see docs/credit-scoring.md for the inner-CV runs
    /// behind them): one small hidden layer, strong dropout and L2, a fixed number of epochs on all training rows
    /// (ValidationFraction = 0: a 10 % early-stopping split of ~700 rows is too noisy and stops too early), and
    /// bad loans weighted by good/bad so the 30 % class counts as much as the 70 % one.
    /// </summary>
    public static ModelCandidate Mlp(int seed, int maxEpochs = MlpEpochs, Action<EpochReport>? progress = null) => new("MLP (MlNetNeural)", (ml, rows) =>
        ml.BinaryClassification.Trainers.Mlp(MlpOptions(rows, seed, maxEpochs, progress)));

    /// <summary>Epochs of the MLP (fixed; no early stopping).</summary>
    public const int MlpEpochs = 60;

    /// <summary>The MLP options for the given training rows.</summary>
    public static MlpBinaryTrainer.Options MlpOptions(IReadOnlyList<LabeledApplication> rows, int seed, int maxEpochs = MlpEpochs, Action<EpochReport>? progress = null)
    {
        int bad = rows.Count(row => row.Label);
        return new MlpBinaryTrainer.Options
        {
            HiddenLayers = [16],
            Dropout = 0.3f,
            L2Penalty = 1e-3f,
            LearningRate = 1e-3f,
            BatchSize = 32,
            MaxEpochs = maxEpochs,
            ValidationFraction = 0f,
            EarlyStoppingPatience = 0,
            PositiveClassWeight = (rows.Count - bad) / (float)bad,
            Seed = seed,
            NumberOfThreads = 1,
            ProgressCallback = progress,
        };
    }

    /// <summary>LightGBM with small trees and shrinkage (not tuned further); the cost-aware threshold handles the class imbalance.</summary>
    public static ModelCandidate LightGbm(int seed) => new("LightGBM", (ml, rows) =>
        ml.BinaryClassification.Trainers.LightGbm(new LightGbmBinaryTrainer.Options
        {
            NumberOfLeaves = 8,
            MinimumExampleCountPerLeaf = 20,
            LearningRate = 0.05,
            NumberOfIterations = 150,
            Seed = seed,
            NumberOfThreads = 1,
            Silent = true,
        }));

    /// <summary>L-BFGS logistic regression with ML.NET's default L2 regularisation.</summary>
    public static ModelCandidate LogisticRegression() => new("Logistic regression (L-BFGS)", (ml, _) =>
        ml.BinaryClassification.Trainers.LbfgsLogisticRegression(new LbfgsLogisticRegressionBinaryTrainer.Options()));
}
