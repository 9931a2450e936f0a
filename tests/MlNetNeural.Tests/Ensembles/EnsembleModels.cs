using Microsoft.ML;
using MlNetNeural.Core.Ensembles;
using MlNetNeural.Core.Training;
using MlNetNeural.Tests.TestData;
using MlNetNeural.Trainers;
using MlNetNeural.Transformers;

namespace MlNetNeural.Tests.Ensembles;

/// <summary>
/// Ensembles trained once for the ensemble tests, with each member also trained alone. The tables are below 1,000 rows,
/// so no automatic validation split is drawn: a member trained alone with its member seed is exactly that member.
/// </summary>
public sealed class EnsembleModels
{
    public const int Seed = 5;

    public EnsembleModels()
    {
        Ml = new MLContext(seed: 1);
        BreastCancer = Ml.Data.Cache(Datasets.BreastCancer(Ml));
        Binary = Ml.BinaryClassification.Trainers.Mlp(BinaryOptions(3, Seed, Progress.Add)).Fit(BreastCancer);
        BinaryMembers = MemberSeeds(3).Select(seed => Ml.BinaryClassification.Trainers.Mlp(BinaryOptions(1, seed)).Fit(BreastCancer)).ToArray();

        var ozone = Datasets.Ozone(Ml);
        string[] names = Datasets.OzoneFeatureNames();
        var featurize = Ml.Transforms.ReplaceMissingValues(names.Select(n => new InputOutputColumnPair(n)).ToArray())
            .Append(Ml.Transforms.Concatenate("Features", names)).Fit(ozone);
        Ozone = Ml.Data.Cache(featurize.Transform(ozone));
        MlpRegressionTrainer.Options Regression(int size, int seed) => new() { EnsembleSize = size, Seed = seed, HiddenLayers = [16], MaxEpochs = 12 };
        Regressor = Ml.Regression.Trainers.Mlp(Regression(2, Seed)).Fit(Ozone);
        RegressorMembers = MemberSeeds(2).Select(seed => Ml.Regression.Trainers.Mlp(Regression(1, seed)).Fit(Ozone)).ToArray();

        var digits = Datasets.Digits(Ml, 300);
        Digits = Ml.Data.Cache(Ml.Transforms.Conversion.MapValueToKey("Label", "Digit").Fit(digits).Transform(digits));
        MlpMulticlassTrainer.Options Multiclass(int size, int seed) => new() { EnsembleSize = size, Seed = seed, HiddenLayers = [24], MaxEpochs = 4, MemberValidationFolds = false };
        Classifier = Ml.MulticlassClassification.Trainers.Mlp(Multiclass(2, Seed)).Fit(Digits);
        ClassifierMembers = MemberSeeds(2).Select(seed => Ml.MulticlassClassification.Trainers.Mlp(Multiclass(1, seed)).Fit(Digits)).ToArray();
    }

    public MLContext Ml { get; }

    /// <summary>WDBC, raw: "Features" (30 Singles) and "Label" (Boolean).</summary>
    public IDataView BreastCancer { get; }

    /// <summary>Three members averaged.</summary>
    public MlpBinaryPredictionTransformer Binary { get; }

    public IReadOnlyList<MlpBinaryPredictionTransformer> BinaryMembers { get; }

    /// <summary>The progress reports of <see cref="Binary"/>'s training.</summary>
    public List<EpochReport> Progress { get; } = [];

    /// <summary>LA ozone with missing values replaced: "Features" and "Label" (the daily maximum).</summary>
    public IDataView Ozone { get; }

    public MlpRegressionPredictionTransformer Regressor { get; }

    public IReadOnlyList<MlpRegressionPredictionTransformer> RegressorMembers { get; }

    /// <summary>300 MNIST digits: "Features" and "Label" (key over ten digits).</summary>
    public IDataView Digits { get; }

    public MlpMulticlassPredictionTransformer Classifier { get; }

    public IReadOnlyList<MlpMulticlassPredictionTransformer> ClassifierMembers { get; }

    /// <summary>
    /// The options of the binary ensemble's tests: small and quick, with dropout (for Monte-Carlo dropout), and every member on
    /// every row (<c>MemberValidationFolds = false</c>), so that each member is the network EnsembleSize = 1 trains with its seed
    /// (the members' own folds have their tests: EnsembleFoldTests).
    /// </summary>
    public static MlpBinaryTrainer.Options BinaryOptions(int size, int seed, Action<EpochReport>? progress = null) =>
        new() { EnsembleSize = size, Seed = seed, HiddenLayers = [16, 8], Dropout = 0.2f, MaxEpochs = 10, MemberValidationFolds = false, ProgressCallback = progress };

    private static IEnumerable<int> MemberSeeds(int size) => Enumerable.Range(1, size).Select(member => NetworkEnsemble.MemberSeed(Seed, member));
}
