using Microsoft.ML;
using Microsoft.ML.Data;

namespace MlNetNeural.Reports.Tests;

/// <summary>Model cards as the integrator will fill them.</summary>
internal static class SampleCards
{
    /// <summary>
    /// An illustrative early-stopped run (L-BFGS has no epochs, so the test models have no real history);
    /// the report only plots it, so its shape is what matters.
    /// </summary>
    public static TrainingHistory History() => new(
        trainLoss: [0.69, 0.41, 0.29, 0.22, 0.18, 0.155, 0.14, 0.128, 0.12, 0.113, 0.108, 0.104],
        validationLoss: [0.68, 0.43, 0.31, 0.25, 0.215, 0.2, 0.194, 0.192, 0.193, 0.197, 0.201, 0.206],
        validationMetric: [0.91, 0.95, 0.97, 0.978, 0.982, 0.985, 0.986, 0.987, 0.987, 0.986, 0.986, 0.985],
        validationMetricName: "AUC",
        bestEpoch: 8);

    /// <summary>The card of the WDBC logistic-regression test model; counts are read from its split.</summary>
    public static ModelCard BreastCancer(TrainedModels models)
    {
        var trainLabels = models.BinaryTrain.GetColumn<bool>("Label").ToArray();
        var malignant = trainLabels.Count(label => label);
        return new ModelCard
        {
            Title = "Breast cancer (WDBC) malignancy – logistic regression",
            IntendedUse = "Test fixture for the evaluation report on the WDBC fine-needle-aspirate data; not for clinical use.",
            Limitations = "569 rows from one institution (University of Wisconsin, 1995). The training history shown is illustrative, not from this model.",
            TrainingRowCount = trainLabels.Length,
            TestRowCount = models.BinaryScored.GetColumn<bool>("Label").Count(),
            LabelBalance = [new ClassCount("M (malignant)", malignant), new ClassCount("B (benign)", trainLabels.Length - malignant)],
            PipelineSteps = ["MapValue(diagnosis → Label)", "NormalizeMeanVariance(Features)", "LbfgsLogisticRegression"],
            TrainerName = "LbfgsLogisticRegressionBinaryTrainer",
            TrainerOptions = [new NamedValue("L2Regularization", "1 (default)"), new NamedValue("OptimizationTolerance", "1E-07 (default)")],
            History = History(),
            Seed = 1,
            LibraryVersion = "MlNetNeural.Reports tests",
        };
    }
}
