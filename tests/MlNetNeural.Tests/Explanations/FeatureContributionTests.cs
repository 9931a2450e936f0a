using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetNeural.Core.Activations;
using MlNetNeural.Core.Attribution;
using MlNetNeural.Core.Layers;
using MlNetNeural.Core.Randomness;
using MlNetNeural.Core.Training;
using MlNetNeural.Explanations;
using MlNetNeural.MlNet.Internals;
using MlNetNeural.Tests.MlNet;
using MlNetNeural.Tests.TestData;
using MlNetNeural.Trainers;
using MlNetNeural.Transformers;
using static MlNetNeural.Tests.Explanations.ExplanationTestData;

namespace MlNetNeural.Tests.Explanations;

/// <summary>
/// What the contributions must be: complete (a row's contributions add up to its output's change from the baseline) on
/// binary, multiclass and regression models at the default step count, exact on linear models, led by the features that
/// carry the signal, and shaped like ML.NET's feature-contribution column.
/// </summary>
public sealed class FeatureContributionTests(TrainedModels models) : IClassFixture<TrainedModels>
{
    public static TheoryData<string> Tasks() => new() { "binary", "multiclass", "regression" };

    [Theory]
    [MemberData(nameof(Tasks))]
    /// <summary>The issue asks for 1 %; the default rule integrates the ReLU models exactly, so 0.1 % is asserted.</summary>
    public void IntegratedGradientsAddUpToTheOutputChangeWithinOnePercentAtTheDefaultStepCount(string task)
    {
        var (mlp, featurized) = Pick(task);
        var explainer = models.Ml.Transforms.CalculateMlpFeatureContribution(mlp, AllRaw()).Fit(featurized);
        Assert.Equal(AttributionSettings.Defaults.IntegrationSteps, explainer.IntegrationSteps);
        var explained = explainer.Transform(featurized);
        float[][] features = FeatureRows.Features(explained);
        float[][] contributions = Dense(explained, "FeatureContributions");
        int checkedRows = 0;
        for (int row = 0; row < features.Length; row++)
        {
            float[] outputs = Outputs(mlp.Model.Network, features[row]);
            int explainedOutput = task == "multiclass" ? Array.IndexOf(outputs, outputs.Max()) : 0;
            double change = outputs[explainedOutput] - explainer.BaselineOutputs[explainedOutput];
            double sum = contributions[row].Sum(c => (double)c);
            Assert.True(Math.Abs(sum - change) <= 0.001 * Math.Abs(change) + 1e-4,
                $"{task} row {row}: contributions add up to {sum}, the output moved {change} from the baseline");
            checkedRows++;
        }
        Assert.True(checkedRows >= 300, $"only {checkedRows} rows");
    }

    [Theory]
    [InlineData(AttributionMethod.IntegratedGradients)]
    [InlineData(AttributionMethod.GradientTimesInput)]
    public void ALinearModelsContributionsAreWeightTimesDistanceFromTheTrainingMean(AttributionMethod method)
    {
        var data = models.Ml.Transforms.NormalizeMeanVariance("Features").Fit(models.BreastCancer).Transform(models.BreastCancer);
        // No hidden layer, no input scaling and no periodic embeddings inside the model (the clip and the cosines are non-linear).
        var linear = models.Ml.BinaryClassification.Trainers.Mlp(new MlpBinaryTrainer.Options { HiddenLayers = [], InputScaling = InputScaling.None, PeriodicEmbeddings = false, MaxEpochs = 5, Seed = 3 }).Fit(data);
        var options = AllRaw();
        options.Method = method;
        var explained = models.Ml.Transforms.CalculateMlpFeatureContribution(linear, options).Fit(data).Transform(data);
        float[][] features = FeatureRows.Features(explained);
        double[] mean = Enumerable.Range(0, Datasets.BreastCancerFeatures).Select(i => features.Average(row => (double)row[i])).ToArray();
        float[] weights = linear.Model.Network.DenseLayers.Single().Weights.Values;
        float[][] contributions = Dense(explained, "FeatureContributions");
        for (int row = 0; row < features.Length; row++)
        {
            for (int i = 0; i < weights.Length; i++)
            {
                double expected = weights[i] * (features[row][i] - mean[i]);
                Assert.True(Math.Abs(contributions[row][i] - expected) <= 2e-6 * Math.Max(1, Math.Abs(expected)),
                    $"row {row} feature {i}: {contributions[row][i]} vs w·(x − mean) = {expected}");
            }
        }
    }

    [Fact]
    public void TwoPlantedFeaturesGetTheLargestMeanAbsoluteContributionsAmongTenNoiseFeatures()
    {
        const int Rows = 1500, Features = 12;
        int[] informative = [3, 8];
        var random = new DeterministicRandom(41);
        var rows = Enumerable.Range(0, Rows).Select(_ =>
        {
            float[] x = Enumerable.Range(0, Features).Select(_ => random.NextGaussian()).ToArray();
            // One linear and one non-linear (|x|) signal, plus label noise.
            return new PlantedRow { Features = x, Label = x[3] + MathF.Abs(x[8]) - 0.8f + 0.3f * random.NextGaussian() > 0 };
        }).ToList();
        var data = models.Ml.Data.LoadFromEnumerable(rows);
        var mlp = models.Ml.BinaryClassification.Trainers.Mlp(new MlpBinaryTrainer.Options { MaxEpochs = 30, Seed = 2 }).Fit(data);
        var explained = models.Ml.Transforms.CalculateMlpFeatureContribution(mlp, AllRaw()).Fit(data).Transform(data);
        float[][] contributions = Dense(explained, "FeatureContributions");
        double[] meanAbsolute = Enumerable.Range(0, Features).Select(i => contributions.Average(row => Math.Abs((double)row[i]))).ToArray();
        double loudestNoise = meanAbsolute.Where((_, i) => !informative.Contains(i)).Max();
        foreach (int feature in informative)
            Assert.True(meanAbsolute[feature] > 3 * loudestNoise,
                $"feature {feature}: mean |contribution| {meanAbsolute[feature]:F4}, loudest noise feature {loudestNoise:F4} (all: {string.Join(", ", meanAbsolute.Select(m => m.ToString("F3")))})");
    }

    [Fact]
    public void AGivenClassIsExplainedOnEveryRowWhateverItPredicts()
    {
        var (mlp, featurized) = Pick("multiclass");
        var options = AllRaw();
        options.ExplainedClass = "3";
        var explainer = models.Ml.Transforms.CalculateMlpFeatureContribution(mlp, options).Fit(featurized);
        Assert.Equal("3", explainer.ExplainedClass);
        int three = mlp.Model.ClassNames.ToList().IndexOf("3");
        var explained = explainer.Transform(featurized);
        float[][] features = FeatureRows.Features(explained).Take(100).ToArray();
        float[][] contributions = Dense(explained, "FeatureContributions");
        for (int row = 0; row < features.Length; row++)
        {
            double change = Outputs(mlp.Model.Network, features[row])[three] - explainer.BaselineOutputs[three];
            Assert.True(Math.Abs(contributions[row].Sum() - change) <= 0.01 * Math.Abs(change) + 1e-4, $"row {row}");
        }
    }

    [Fact]
    public void ContributionsThroughAFeatureScalingFirstLayerAreWithRespectToTheRawColumn()
    {
        // The network scales its own inputs (as a model with input scaling inside does): f(x) = Σ wᵢ·gᵢ·sᵢ·(xᵢ − shiftᵢ) + c.
        float[] shift = [50f, -3f, 1000f], scale = [0.1f, 2f, 0.001f], weights = [1.5f, -0.5f, 2f];
        var scaling = new FeatureScalingLayer(shift, scale, learnableGain: true);
        scaling.Gain!.Values[1] = 3f;
        var dense = new DenseLayer(3, 1, Activation.Identity);
        weights.CopyTo(dense.Weights.Values, 0);
        var mlp = Binary(new Network([scaling, dense]));
        float[][] raw = [[60f, 1f, 900f], [40f, -5f, 1500f], [55f, 0f, 1000f]];
        var data = FeatureRows.Load(models.Ml, raw);
        var explainer = models.Ml.Transforms.CalculateMlpFeatureContribution(mlp, AllRaw()).Fit(data);
        float[] mean = [.. explainer.BaselineRow];
        Assert.Equal(raw.Average(r => r[0]), mean[0], 3);
        float[] gain = [1f, 3f, 1f];
        float[][] contributions = Dense(explainer.Transform(data), "FeatureContributions");
        for (int row = 0; row < raw.Length; row++)
            for (int i = 0; i < 3; i++)
                Assert.Equal(weights[i] * gain[i] * scale[i] * (raw[row][i] - mean[i]), contributions[row][i], 3);

        // With hidden layers, contributions to the raw column stay complete: on linear pieces behind the scaling (with or
        // without its smooth clip), by Gauss–Legendre quadrature for a smooth activation.
        var random = new DeterministicRandom(9);
        foreach (var (clip, activation) in new[] { (0f, Activation.ReLU), (2f, Activation.ReLU), (2f, new Activation(ActivationKind.Gelu)) })
        {
            var deep = new NetworkArchitecture(3, [new FeatureScalingSpec(shift, scale, ClipBound: clip), new DenseSpec(16, activation), new DenseSpec(1, Activation.Identity)]).Build(random);
            var deepExplainer = models.Ml.Transforms.CalculateMlpFeatureContribution(Binary(deep), AllRaw()).Fit(data);
            float[][] deepContributions = Dense(deepExplainer.Transform(data), "FeatureContributions");
            for (int row = 0; row < raw.Length; row++)
            {
                double change = Outputs(deep, raw[row])[0] - deepExplainer.BaselineOutputs[0];
                Assert.True(Math.Abs(deepContributions[row].Sum() - change) <= 0.01 * Math.Abs(change) + 1e-4, $"clip {clip}, row {row}: {deepContributions[row].Sum()} vs {change}");
            }
        }
    }

    [Fact]
    public void KeptCountsAndNormalizationWorkLikeMlNetsFeatureContributionColumn()
    {
        var (mlp, featurized) = Pick("binary");
        float[][] full = Dense(models.Ml.Transforms.CalculateMlpFeatureContribution(mlp, AllRaw()).Fit(featurized).Transform(featurized), "FeatureContributions");
        var explained = models.Ml.Transforms.CalculateMlpFeatureContribution(mlp, numberOfPositiveContributions: 2, numberOfNegativeContributions: 3, normalize: true)
            .Fit(featurized).Transform(featurized);

        var column = explained.Schema["FeatureContributions"];
        Assert.Equal(new VectorDataViewType(NumberDataViewType.Single, Datasets.BreastCancerFeatures), column.Type);
        using var cursor = explained.GetRowCursor([column]);
        var getter = cursor.GetGetter<VBuffer<float>>(column);
        VBuffer<float> value = default;
        int row = 0;
        while (cursor.MoveNext())
        {
            getter(ref value);
            float[] row_full = full[row++];
            int[] keep = [.. row_full.Select((c, i) => (c, i)).Where(p => p.c > 0).OrderByDescending(p => p.c).Take(2).Select(p => p.i),
                .. row_full.Select((c, i) => (c, i)).Where(p => p.c < 0).OrderBy(p => p.c).Take(3).Select(p => p.i)];
            float largest = keep.Max(i => Math.Abs(row_full[i]));
            Assert.Equal(keep.Order(), value.GetIndices().ToArray());
            float[] dense = value.DenseValues().ToArray();
            for (int i = 0; i < dense.Length; i++)
                Assert.Equal(keep.Contains(i) ? row_full[i] / largest : 0f, dense[i], 1e-6f);
        }
    }

    [Fact]
    public void TheColumnCarriesTheFeatureSlotNamesAndTheEstimatorPredictsTheSchema()
    {
        var chain = models.Regression;
        var featurized = chain.Transform(models.Ozone);
        var estimator = models.Ml.Transforms.CalculateMlpFeatureContribution(chain.LastTransformer);
        var column = estimator.Fit(featurized).GetOutputSchema(featurized.Schema)["FeatureContributions"];
        VBuffer<ReadOnlyMemory<char>> names = default;
        column.Annotations.GetValue("SlotNames", ref names);
        Assert.Equal(["pressure_height_500mb", "day_of_month"], names.DenseValues().Select(n => n.ToString()));
        var inputShape = new SchemaShape(featurized.Schema.Where(c => !c.IsHidden).Select(c => SchemaShapeColumns.Of(c.Name, c.Type, c.Annotations)));
        var shape = estimator.GetOutputSchema(inputShape).Single(c => c.Name == "FeatureContributions");
        var actual = SchemaShapeColumns.Of(column.Name, column.Type, column.Annotations);
        Assert.Equal(actual.Kind, shape.Kind);
        Assert.Equal(actual.ItemType, shape.ItemType);
        Assert.Equal(actual.Annotations.Select(a => a.Name), shape.Annotations.Select(a => a.Name));
    }

    [Fact]
    public void ARowWithANaNFeatureIsRefusedWithTheMessageScoringGives()
    {
        var (mlp, featurized) = Pick("binary");
        var explainer = models.Ml.Transforms.CalculateMlpFeatureContribution(mlp).Fit(featurized);
        float[][] rows = FeatureRows.Features(featurized).Take(3).ToArray();
        rows[1][4] = float.NaN;
        var data = FeatureRows.Load(models.Ml, rows);
        var explaining = Assert.Throws<InvalidOperationException>(() => Dense(explainer.Transform(data), "FeatureContributions"));
        var scoring = Assert.Throws<InvalidOperationException>(() => mlp.Transform(data).GetColumn<float>("Score").ToArray());
        Assert.Equal(scoring.Message, explaining.Message);
        Assert.Contains("Row 1", explaining.Message);
        Assert.Contains("slot 4", explaining.Message);
    }

    [Fact]
    public void APredictionEngineGivesTheContributionsTransformGives()
    {
        var (mlp, featurized) = Pick("binary");
        var explainer = models.Ml.Transforms.CalculateMlpFeatureContribution(mlp, AllRaw()).Fit(featurized);
        float[][] rows = FeatureRows.Features(featurized).Take(20).ToArray();
        float[][] viaTransform = Dense(explainer.Transform(FeatureRows.Load(models.Ml, rows)), "FeatureContributions");
        var definition = SchemaDefinition.Create(typeof(FeatureRows.Row));
        definition[nameof(FeatureRows.Row.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, rows[0].Length);
        using var engine = models.Ml.Model.CreatePredictionEngine<FeatureRows.Row, ContributionRow>(explainer, inputSchemaDefinition: definition);
        for (int row = 0; row < rows.Length; row++)
            Assert.Equal(viaTransform[row], engine.Predict(new FeatureRows.Row { Features = rows[row] }).FeatureContributions);
    }

    [Fact]
    public void OptionsThatDoNotFitTheModelAreRefusedByName()
    {
        var (binary, featurized) = Pick("binary");
        var (multiclass, _) = Pick("multiclass");
        ArgumentException Refused(MlpPredictionTransformer mlp, MlpFeatureContributionOptions options) =>
            Assert.ThrowsAny<ArgumentException>(() => models.Ml.Transforms.CalculateMlpFeatureContribution(mlp, options));

        Assert.Equal("ExplainedClass", Refused(binary, new() { ExplainedClass = "1" }).ParamName);
        var unknown = Refused(multiclass, new() { ExplainedClass = "cat" });
        Assert.Contains("'cat' is not a class of the model", unknown.Message);
        Assert.Contains("'7'", unknown.Message);
        Assert.Equal("BaselineRow", Refused(binary, new() { Baseline = AttributionBaseline.GivenRow }).ParamName);
        Assert.Contains("29 values; the model reads 30", Refused(binary, new() { Baseline = AttributionBaseline.GivenRow, BaselineRow = new float[29] }).Message);
        Assert.Equal("IntegrationSteps", Refused(binary, new() { IntegrationSteps = 0 }).ParamName);
        Assert.Equal("NumberOfNegativeContributions", Refused(binary, new() { NumberOfNegativeContributions = -1 }).ParamName);
        var noRows = NoRows(featurized);
        Assert.Contains("no rows", Assert.Throws<ArgumentException>(() => models.Ml.Transforms.CalculateMlpFeatureContribution(binary).Fit(noRows)).Message);
    }

    [Fact]
    public void GivenAndZeroBaselinesNeedNoDataAndExplainTheChangeFromThatRow()
    {
        var (mlp, featurized) = Pick("binary");
        float[] given = FeatureRows.Features(featurized)[7];
        var options = AllRaw();
        options.Baseline = AttributionBaseline.GivenRow;
        options.BaselineRow = given;
        var explainer = models.Ml.Transforms.CalculateMlpFeatureContribution(mlp, options).Fit(NoRows(featurized));
        Assert.Equal(given, explainer.BaselineRow);
        float[] ofTheBaselineItself = Dense(explainer.Transform(FeatureRows.Load(models.Ml, [given])), "FeatureContributions")[0];
        Assert.All(ofTheBaselineItself, c => Assert.Equal(0f, c));

        options.Baseline = AttributionBaseline.Zeros;
        Assert.All(models.Ml.Transforms.CalculateMlpFeatureContribution(mlp, options).Fit(featurized).BaselineRow, v => Assert.Equal(0f, v));
    }

    private IDataView NoRows(IDataView data) => models.Ml.Data.FilterRowsByColumn(data, "Score", lowerBound: float.MaxValue);

    private (MlpPredictionTransformer Mlp, IDataView Featurized) Pick(string task) => task switch
    {
        "binary" => (models.Binary.LastTransformer, models.Ml.Data.Cache(models.Binary.Transform(models.BreastCancer))),
        "multiclass" => (models.Multiclass.LastTransformer, models.Ml.Data.Cache(models.Multiclass.Transform(models.Ml.Data.TakeRows(models.Digits, 300)))),
        _ => (models.Regression.LastTransformer, models.Ml.Data.Cache(models.Regression.Transform(models.Ozone))),
    };

    private sealed class PlantedRow
    {
        [VectorType(12)]
        public float[] Features { get; set; } = [];

        public bool Label { get; set; }
    }

    private sealed class ContributionRow
    {
        public float[] FeatureContributions { get; set; } = [];
    }
}
