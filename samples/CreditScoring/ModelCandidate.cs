using Microsoft.ML;
using Microsoft.ML.Trainers;
using Microsoft.ML.Trainers.LightGbm;
using MlNetNeural;
using MlNetNeural.Core.Training;

namespace CreditScoring;

/// <summary>A model the study compares: a name and the trainer appended to the shared feature pipeline.</summary>
/// <param name="Name">Display name, e.g. "MLP (MlNetNeural)".</param>
/// <param name="CreateTrainer">The binary trainer for the given training rows (e.g. to weight classes by their balance).</param>
public sealed record ModelCandidate(string Name, Func<MLContext, IReadOnlyList<LabeledApplication>, IEstimator<ITransformer>> CreateTrainer)
{
    /// <summary>Feature pipeline plus this candidate's trainer, fitted on <paramref name="rows"/>.</summary>
    public ITransformer Fit(MLContext ml, IReadOnlyList<LabeledApplication> rows) =>
        CreditFeatures.Pipeline(ml).Append(CreateTrainer(ml, rows)).Fit(ml.Data.LoadFromEnumerable(rows));

    /// <summary>Our MLP with the given network and regularisation (see <see cref="MlpConfiguration"/>).</summary>
    public static ModelCandidate Mlp(int seed, MlpConfiguration configuration, Action<EpochReport>? progress = null) => new("MLP (MlNetNeural)", (ml, rows) =>
        ml.BinaryClassification.Trainers.Mlp(configuration.ToOptions(rows, seed, progress)));

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
