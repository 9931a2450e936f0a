namespace MlNetNeural.Reports.Tests;

/// <summary>Model cards as the integrator will fill them (values here describe the test models).</summary>
internal static class SampleCards
{
    // A plausible early-stopped run's history; the report only plots it, so its shape is what matters.
    public static TrainingHistory History() => new(
        trainLoss: [0.69, 0.41, 0.29, 0.22, 0.18, 0.155, 0.14, 0.128, 0.12, 0.113, 0.108, 0.104],
        validationLoss: [0.68, 0.43, 0.31, 0.25, 0.215, 0.2, 0.194, 0.192, 0.193, 0.197, 0.201, 0.206],
        validationMetric: [0.91, 0.95, 0.97, 0.978, 0.982, 0.985, 0.986, 0.987, 0.987, 0.986, 0.986, 0.985],
        validationMetricName: "AUC",
        bestEpoch: 8);

    public static ModelCard BreastCancer() => new()
    {
        Title = "Breast cancer (WDBC) malignancy – logistic regression",
        IntendedUse = "Demonstration of the evaluation report on the WDBC fine-needle-aspirate data; not for clinical use.",
        Limitations = "569 rows from one institution (University of Wisconsin, 1995).",
        TrainingRowCount = 398,
        TestRowCount = 171,
        LabelBalance = [new ClassCount("M (malignant)", 148), new ClassCount("B (benign)", 250)],
        PipelineSteps = ["MapValue(diagnosis → Label)", "NormalizeMeanVariance(Features)", "LbfgsLogisticRegression"],
        TrainerName = "LbfgsLogisticRegressionBinaryTrainer",
        TrainerOptions = [new NamedValue("L2Regularization", "1"), new NamedValue("OptimizationTolerance", "1E-07")],
        History = History(),
        TrainingTime = TimeSpan.FromSeconds(1.7),
        Seed = 1,
        LibraryVersion = "MlNetNeural.Reports tests",
    };
}
