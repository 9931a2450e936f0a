using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;
using MlNetNeural.Core.Attribution;
using MlNetNeural.Data;
using MlNetNeural.MlNet.Internals;
using MlNetNeural.Models;
using MlNetNeural.Scoring;
using MlNetNeural.Transformers;

namespace MlNetNeural.Explanations;

/// <summary>
/// Fits a <see cref="MlpFeatureContributionTransformer"/> for a trained MLP: with the training-mean baseline it reads the
/// feature column of the data once and stores the mean of every slot; otherwise fitting reads nothing. Create it with
/// <c>mlContext.Transforms.CalculateMlpFeatureContribution(mlpTransformer, ...)</c>, the MLP counterpart of ML.NET's
/// <c>CalculateFeatureContribution</c> (which accepts only linear and tree models).
/// </summary>
public sealed class MlpFeatureContributionEstimator : IEstimator<MlpFeatureContributionTransformer>
{
    private readonly IHost _host;
    private readonly MlpPredictionTransformer _predictor;
    private readonly ContributionSettings _settings;

    internal MlpFeatureContributionEstimator(IHostEnvironment environment, MlpPredictionTransformer predictor, MlpFeatureContributionOptions options)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(predictor);
        ArgumentNullException.ThrowIfNull(options);
        ModelLoaderRegistration.Register(environment);
        _host = environment.Register(nameof(MlpFeatureContributionEstimator));
        _predictor = predictor;
        _settings = Resolve(predictor.Model, options);
        _settings.Check(predictor.Model);
    }

    /// <summary>
    /// Computes the baseline if it is the training mean (from the feature column of <paramref name="input"/>, which must go
    /// through the same transforms as the MLP's training data) and returns the transformer.
    /// </summary>
    /// <param name="input">Data with the MLP's feature column, e.g. the training data after the pipeline's transforms.</param>
    /// <exception cref="ArgumentException">The data has no rows.</exception>
    /// <exception cref="InvalidOperationException">A feature value is NaN or infinite; the message names the row and slot.</exception>
    public MlpFeatureContributionTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var feature = FeatureColumn.Find(input.Schema, _predictor.FeatureColumnName, _predictor.Model.FeatureCount);
        var settings = _settings.BaselineKind == AttributionBaseline.TrainingMean ? _settings with { Baseline = MeanOf(input, feature) } : _settings;
        using var channel = _host.Start("Feature contributions");
        channel.Info(MessageSensitivity.None,
            $"Explaining the {_predictor.Model.Task} MLP's output with {settings.Attribution.Method} from the {settings.BaselineKind} baseline" +
            (settings.Attribution.Method == AttributionMethod.IntegratedGradients ? $" ({settings.Attribution.IntegrationSteps} {settings.Attribution.Rule} steps per row)." : "."));
        return new MlpFeatureContributionTransformer(_predictor.Model, _predictor.FeatureColumnName, settings);
    }

    /// <summary>The input columns plus the contribution column: a vector of Single with the feature column's slot names.</summary>
    /// <param name="inputSchema">Shape of the data; must hold the MLP's feature column.</param>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        var feature = SchemaChecks.RequireFeatureShape(inputSchema, _predictor.FeatureColumnName);
        var slotNames = feature.Annotations.Where(annotation => annotation.Name == ScoreAnnotations.SlotNames).ToArray();
        var columns = inputSchema.ToDictionary(column => column.Name);
        columns[_settings.OutputColumnName] = SchemaShapeColumns.Create(_settings.OutputColumnName, SchemaShape.Column.VectorKind.Vector,
            NumberDataViewType.Single, false, new SchemaShape(slotNames));
        return new SchemaShape(columns.Values);
    }

    private static ContributionSettings Resolve(MlpModelParameters model, MlpFeatureContributionOptions options) => new(
        new AttributionSettings { Method = options.Method, IntegrationSteps = options.IntegrationSteps, Rule = options.IntegrationRule },
        options.Baseline,
        options.Baseline == AttributionBaseline.GivenRow
            ? options.BaselineRow?.ToArray() ?? throw new ArgumentException("Baseline is GivenRow but BaselineRow is null; give one value per feature slot.", nameof(MlpFeatureContributionOptions.BaselineRow))
            : new float[model.FeatureCount],
        ExplainedOutput(model, options.ExplainedClass),
        options.NumberOfPositiveContributions,
        options.NumberOfNegativeContributions,
        options.Normalize,
        options.OutputColumnName);

    private static int ExplainedOutput(MlpModelParameters model, string? className)
    {
        if (className is null) return model.Task == MlpTask.MulticlassClassification ? ContributionSettings.PredictedOutput : 0;
        if (model.Task != MlpTask.MulticlassClassification)
            throw new ArgumentException($"ExplainedClass is for multiclass models; this model's task is {model.Task}, whose one output is always explained. Leave it null.", nameof(MlpFeatureContributionOptions.ExplainedClass));
        int index = model.ClassNames.ToList().IndexOf(className);
        return index >= 0
            ? index
            : throw new ArgumentException($"ExplainedClass '{className}' is not a class of the model; its classes are {string.Join(", ", model.ClassNames.Select(c => $"'{c}'"))}.", nameof(MlpFeatureContributionOptions.ExplainedClass));
    }

    /// <summary>The mean of every slot of the feature column over all rows, accumulated in double.</summary>
    private static float[] MeanOf(IDataView data, FeatureColumn feature)
    {
        var sum = new double[feature.Size];
        var values = new float[feature.Size];
        long rows = 0;
        using (var cursor = data.GetRowCursor([feature.Column]))
        {
            var reader = feature.CreateReader(cursor);
            while (cursor.MoveNext())
            {
                reader.Read(values, cursor.Position);
                feature.CheckFinite(cursor.Position, values);
                for (int i = 0; i < values.Length; i++) sum[i] += values[i];
                rows++;
            }
        }
        if (rows == 0)
            throw new ArgumentException($"The data has no rows, so there is no training mean for the baseline. Fit on the training data, or choose Baseline = Zeros or GivenRow.", nameof(data));
        return Array.ConvertAll(sum, total => (float)(total / rows));
    }
}
