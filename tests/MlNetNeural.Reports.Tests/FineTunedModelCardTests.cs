using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetNeural.FineTuning;
using MlNetNeural.Trainers;
using MlNetNeural.Transformers;

namespace MlNetNeural.Reports.Tests;

/// <summary>The card of a fine-tuned MLP says where its network came from and what trained.</summary>
public sealed class FineTunedModelCardTests
{
    [Fact]
    public void Architecture_options_are_listed_as_inactive_and_the_trainable_parameters_are_recorded()
    {
        var ml = new MLContext(seed: 3);
        var data = ml.Data.Cache(TestData.BreastCancer(ml));
        var pretrained = ml.Transforms.NormalizeMeanVariance("Features")
            .Append(ml.BinaryClassification.Trainers.Mlp(new MlpBinaryTrainer.Options { HiddenLayers = [8], MaxEpochs = 3, Seed = 1, PeriodicEmbeddings = false, EnsembleSize = 1 }))
            .Fit(data);
        var prep = pretrained.First();
        var tuned = ml.BinaryClassification.Trainers.Mlp(new MlpBinaryTrainer.Options
        {
            MaxEpochs = 2, Seed = 2, FineTuning = new MlpFineTuningOptions { TrainableLayers = 1 },
        }).Fit(prep.Transform(data), pretrained.LastTransformer.Model);
        var model = new TransformerChain<ITransformer>(prep, tuned);

        var card = ModelCard.FromMlp("Fine-tuned", model, data);

        Assert.Contains(card.PipelineSteps, step => step.Contains("30-8-1", StringComparison.Ordinal));
        foreach (string option in new[] { "HiddenLayers", "Activation", "Dropout", "Initialization" })
            Assert.Contains(card.InactiveTrainerOptions, o => o.Name == option && o.Value.Contains("initial model (30-8-1 (BinaryClassification))", StringComparison.Ordinal));
        Assert.Contains(new NamedValue("TrainableParameters", "9 of 257 (3.5%)"), card.TrainerOptions);
        Assert.Contains(card.TrainerOptions, o => o.Name == "FineTuning" && o.Value.Contains("last 1 layer trained", StringComparison.Ordinal));
    }
}
