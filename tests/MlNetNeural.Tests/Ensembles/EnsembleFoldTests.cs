using Microsoft.ML;
using MlNetNeural.Core.Layers;
using MlNetNeural.Tests.TestData;
using MlNetNeural.Trainers;

namespace MlNetNeural.Tests.Ensembles;

/// <summary>
/// MemberValidationFolds through the trainers: left automatic, a classifier's ensemble on 250 to 999 training rows lets each
/// member hold out its own fold for early stopping and the model says so; regression, a validation split, fewer rows and false
/// keep every member on every row; true is refused by name where it cannot apply.
/// </summary>
public sealed class EnsembleFoldTests
{
    private const string FoldsSaid = "each holding out its own fold of the training rows";

    private static MlpBinaryTrainer.Options Binary(bool? folds = null, float? validationFraction = null, int? size = 3) =>
        new() { EnsembleSize = size, Seed = 2, HiddenLayers = [8], MaxEpochs = 30, MemberValidationFolds = folds, ValidationFraction = validationFraction };

    [Fact]
    public void ASmallClassifiersMembersEachHoldOutTheirOwnFoldAndTheModelSaysSo()
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Data.Cache(Datasets.BreastCancer(ml)); // 569 rows

        var model = ml.BinaryClassification.Trainers.Mlp(Binary()).Fit(data).Model;

        // Ten folds (at least TrainerSettings.Defaults.MinimumMemberFolds), stratified: member 1 holds out 57 of the 569 rows.
        Assert.Contains(FoldsSaid + " (57 of 569 for member 1)", model.History.StopMessage);
        Assert.Equal(512, model.History.TrainingRows);
        string ensemble = model.TrainerOptions.Single(option => option.Key == "Ensemble").Value;
        Assert.Contains("each member early-stopped on its own fold of the training rows, validation accuracy there", ensemble);
        Assert.Equal("automatic (on)", model.TrainerOptions.Single(option => option.Key == nameof(MlpTrainerOptions.MemberValidationFolds)).Value);
        Assert.Equal("automatic (0.1)", model.TrainerOptions.Single(option => option.Key == nameof(MlpTrainerOptions.PeriodicEmbeddingLearningRateFactor)).Value);
        // No validation split: the automatic embeddings' factor stays RealMLP's for this small classifier.
        Assert.Equal(PeriodicEmbeddingSpec.DefaultLearningRateFactor, model.Network.Layers.OfType<PeriodicEmbeddingLayer>().Single().LearningRateFactor);

        Assert.Contains(FoldsSaid, ml.BinaryClassification.Trainers.Mlp(Binary(folds: true)).Fit(data).Model.History.StopMessage);
    }

    [Fact]
    public void FalseAValidationSplitFewerRowsOrRegressionKeepEveryMemberOnEveryRow()
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Data.Cache(Datasets.BreastCancer(ml));

        var off = ml.BinaryClassification.Trainers.Mlp(Binary(folds: false)).Fit(data).Model;
        Assert.DoesNotContain(FoldsSaid, off.History.StopMessage);
        Assert.Equal((569, 30), (off.History.TrainingRows, off.History.Epochs.Count));

        var noHoldOut = ml.BinaryClassification.Trainers.Mlp(Binary(validationFraction: 0f)).Fit(data).Model;
        Assert.DoesNotContain(FoldsSaid, noHoldOut.History.StopMessage);

        var split = ml.BinaryClassification.Trainers.Mlp(Binary(validationFraction: 0.2f)).Fit(data).Model;
        Assert.StartsWith("An ensemble of 3 networks trained with their own seeds on the same rows and validation rows", split.History.StopMessage);

        int fewer = MlpTrainerOptions.Defaults.MemberFoldsMinimumRows - 1;
        var fewRows = ml.BinaryClassification.Trainers.Mlp(Binary()).Fit(ml.Data.TakeRows(data, fewer)).Model;
        Assert.DoesNotContain(FoldsSaid, fewRows.History.StopMessage);
        Assert.Contains(fewRows.TrainerOptions, option => option.Key == nameof(MlpTrainerOptions.MemberValidationFolds) && option.Value == "automatic (off)");
        Assert.Equal(fewer, fewRows.History.TrainingRows);

        var ozone = Datasets.Ozone(ml);
        string[] names = Datasets.OzoneFeatureNames();
        var features = ml.Transforms.ReplaceMissingValues(names.Select(n => new InputOutputColumnPair(n)).ToArray())
            .Append(ml.Transforms.Concatenate("Features", names)).Fit(ozone).Transform(ozone); // 330 rows
        var regression = ml.Regression.Trainers.Mlp(new MlpRegressionTrainer.Options { EnsembleSize = 3, Seed = 2, HiddenLayers = [8], MaxEpochs = 5 }).Fit(features).Model;
        Assert.DoesNotContain(FoldsSaid, regression.History.StopMessage);
        Assert.Equal(0, regression.History.ValidationRows);
    }

    [Fact]
    public void AClassWithFewerRowsThanFoldsKeepsTheFoldsOff()
    {
        var ml = new MLContext(seed: 1);
        var rows = ml.Data.CreateEnumerable<WdbcRow>(Datasets.BreastCancer(ml), reuseRowObject: false).ToList();
        // Every benign case and 9 malignant ones: 366 rows, but a rare class one row short of a row for each of the ten folds.
        var rare = ml.Data.LoadFromEnumerable(rows.Where(row => !row.Label).Concat(rows.Where(row => row.Label).Take(9)));

        var model = ml.BinaryClassification.Trainers.Mlp(Binary()).Fit(rare).Model;

        Assert.DoesNotContain(FoldsSaid, model.History.StopMessage);
        Assert.Contains(model.TrainerOptions, option => option.Key == nameof(MlpTrainerOptions.MemberValidationFolds) && option.Value == "automatic (off)");
        var ten = ml.Data.LoadFromEnumerable(rows.Where(row => !row.Label).Concat(rows.Where(row => row.Label).Take(10)));
        Assert.Contains(FoldsSaid, ml.BinaryClassification.Trainers.Mlp(Binary()).Fit(ten).Model.History.StopMessage);
    }

    private sealed class WdbcRow
    {
        [Microsoft.ML.Data.VectorType(30)]
        public float[] Features { get; set; } = [];

        public bool Label { get; set; }
    }

    [Fact]
    public void TrueIsRefusedByNameWhereItCannotApply()
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Data.Cache(Datasets.BreastCancer(ml));
        void Refused(MlpBinaryTrainer.Options options, string said, IDataView? validation = null)
        {
            var error = Assert.Throws<ArgumentException>(() => ml.BinaryClassification.Trainers.Mlp(options).Fit(data, validation));
            Assert.Equal(nameof(MlpTrainerOptions.MemberValidationFolds), error.ParamName);
            Assert.Contains(said, error.Message);
        }

        Refused(Binary(folds: true, size: 1), "trains a single network");
        Refused(Binary(folds: true, validationFraction: 0.2f), "ValidationFraction is 0.2, a hold-out every member validates on");
        Refused(Binary(folds: true), "Fit was given a validation set", validation: data);
        // Left automatic, the same fits simply train without the folds.
        Assert.Equal(1, ml.BinaryClassification.Trainers.Mlp(Binary(size: 1)).Fit(data).Model.EnsembleMembers);
    }
}
