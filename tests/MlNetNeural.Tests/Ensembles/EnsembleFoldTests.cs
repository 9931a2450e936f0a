using Microsoft.ML;
using MlNetNeural.Core.Layers;
using MlNetNeural.Tests.TestData;
using MlNetNeural.Trainers;

namespace MlNetNeural.Tests.Ensembles;

/// <summary>
/// MemberValidationFolds through the trainers: each member of an ensemble holds out its own fold for early stopping, the model
/// says so, the automatic embeddings' learning rate counts it as validation, and settings it cannot apply to are refused.
/// </summary>
public sealed class EnsembleFoldTests
{
    private const string FoldsSaid = "each holding out its own fold of the training rows";

    private static MlpBinaryTrainer.Options Binary(bool folds, float? validationFraction = null, int? size = 3) =>
        new() { EnsembleSize = size, Seed = 2, HiddenLayers = [8], MaxEpochs = 30, MemberValidationFolds = folds, ValidationFraction = validationFraction };

    [Fact]
    public void EachMemberHoldsOutItsOwnFoldAndTheModelSaysSo()
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Data.Cache(Datasets.BreastCancer(ml)); // 569 rows

        var model = ml.BinaryClassification.Trainers.Mlp(Binary(folds: true)).Fit(data).Model;

        // Five folds (at least TrainerSettings.Defaults.MinimumMemberFolds), stratified: member 1 holds out 114 of the 569 rows.
        Assert.Contains(FoldsSaid + " (114 of 569 for member 1)", model.History.StopMessage);
        Assert.Equal(455, model.History.TrainingRows);
        string ensemble = model.TrainerOptions.Single(option => option.Key == "Ensemble").Value;
        Assert.Contains("each member early-stopped on its own fold of the training rows, validation accuracy there", ensemble);
        Assert.Equal("True", model.TrainerOptions.Single(option => option.Key == nameof(MlpTrainerOptions.MemberValidationFolds)).Value);
        // The members stop early, so the automatic embeddings' factor is the one for fits with validation data.
        Assert.Equal(MlpTrainerOptions.Defaults.PeriodicEmbeddingLearningRateFactor, model.Network.Layers.OfType<PeriodicEmbeddingLayer>().Single().LearningRateFactor);

        var without = ml.BinaryClassification.Trainers.Mlp(Binary(folds: false)).Fit(data).Model;
        Assert.DoesNotContain(FoldsSaid, without.History.StopMessage);
        Assert.Equal(569, without.History.TrainingRows);
        Assert.Equal(30, without.History.Epochs.Count);
    }

    [Fact]
    public void FoldsAreRefusedByNameWhereTheyCannotApply()
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
    }
}
