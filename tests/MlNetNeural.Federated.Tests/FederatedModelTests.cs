using Microsoft.ML;
using MlNetNeural.Core.Layers;
using MlNetNeural.Onnx;

namespace MlNetNeural.Federated.Tests;

public sealed class FederatedModelTests(WdbcFederation fixture) : IClassFixture<WdbcFederation>
{
    [Fact(Timeout = TestLimits.Federation)]
    public async Task The_federated_model_saves_loads_explains_and_exports_like_any_other()
    {
        // The trainer's default input scaling (Robust, smooth clip at 3): fitted as Standardize from pooled sums, with the clip kept.
        var trainer = new MlNetNeural.Trainers.MlpBinaryTrainer.Options { HiddenLayers = [16], Dropout = 0f, Seed = 3, NumberOfThreads = 1 };
        var result = await fixture.Federation.TrainAsync(new FederatedOptions { Study = "wdbc-model", Trainer = trainer, Rounds = 4 });
        var ml = fixture.Ml;
        var scaling = Assert.IsType<FeatureScalingLayer>(result.Model.Network.Layers[0]);
        Assert.Equal(trainer.InputClipBound, scaling.ClipBound);
        Assert.Contains(result.Model.TrainerOptions, o => o.Key == "Federated.InputScaling" && o.Value.Contains("Robust", StringComparison.Ordinal));
        Assert.Contains("Federated", result.Model.History.StopMessage);

        string folder = Directory.CreateTempSubdirectory("federated-model-").FullName;
        try
        {
            string path = Path.Combine(folder, "model.zip");
            ml.RegisterMlNetNeural();
            ml.Model.SaveSafely(result.Transformer, fixture.Test.Schema, path);
            var loaded = ml.Model.Load(path, out _);
            float[] Scores(ITransformer model) => ml.Data.CreateEnumerable<Scored>(model.Transform(fixture.Test), reuseRowObject: false).Select(s => s.Score).ToArray();
            Assert.Equal(Scores(result.Transformer), Scores(loaded));

            var importance = ml.BinaryClassification.PermutationFeatureImportance(result.Transformer, fixture.Test, permutationCount: 1);
            Assert.Equal(30, importance.Length);
            Assert.Contains(importance, i => i.AreaUnderRocCurve.Mean < 0);

            string onnx = Path.Combine(folder, "model.onnx");
            ml.Model.ConvertMlpToOnnx(result.Transformer, fixture.Test.Schema, onnx);
            Assert.True(new FileInfo(onnx).Length > 4 * result.Model.Network.ParameterCount);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact(Timeout = TestLimits.Federation)]
    public async Task The_automatic_schedule_trains_every_round_at_the_constant_rate()
    {
        MlNetNeural.Trainers.MlpBinaryTrainer.Options Trainer(Core.Schedules.LearningRateScheduleKind? schedule) =>
            new() { HiddenLayers = [8], Dropout = 0f, Seed = 3, NumberOfThreads = 1, LearningRateSchedule = schedule };
        var automatic = await fixture.Federation.TrainAsync(new FederatedOptions { Study = "wdbc-automatic-schedule", Trainer = Trainer(null), Rounds = 2 });
        var constant = await fixture.Federation.TrainAsync(new FederatedOptions { Study = "wdbc-constant-schedule", Trainer = Trainer(Core.Schedules.LearningRateScheduleKind.Constant), Rounds = 2 });
        float[] Weights(FederatedTrainingResult result) => result.Model.Network.Parameters.SelectMany(p => p.Values.ToArray()).ToArray();
        Assert.Equal(Weights(constant), Weights(automatic));
    }

    private sealed class Scored
    {
        public float Score { get; set; }
    }
}
