using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetNeural.Data;
using MlNetNeural.Models;
using MlNetNeural.Scoring;

namespace MlNetNeural.Tasks;

/// <summary>Regression: a Single label; outputs Score, the network's single output.</summary>
internal sealed class RegressionTask : MlpTaskDefinition
{
    public static RegressionTask Instance { get; } = new();

    public override MlpTask Task => MlpTask.Regression;

    public override string LabelAdvice => "Drop rows without a label (ml.Data.FilterRowsByMissingValues).";

    public override LabelDescription DescribeLabel(DataViewSchema.Column label) =>
        label.Type == NumberDataViewType.Single
            ? LabelDescription.None
            : throw SchemaChecks.Mismatch("label", label.Name, "Single", label.Type, "Convert it with ml.Transforms.Conversion.ConvertType(\"Label\", outputKind: DataKind.Single).");

    public override TargetReader CreateTargetReader(DataViewRow row, DataViewSchema.Column label)
    {
        var getter = row.GetGetter<float>(label);
        float value = 0;
        return (_, target) =>
        {
            getter(ref value);
            target[0] = value;
        };
    }

    public override IReadOnlyList<HeadColumn> OutputColumns(DataViewSchema inputSchema, IReadOnlyList<string> classNames) =>
    [
        new("Score", NumberDataViewType.Single, ScoreAnnotations.Start("Regression", "Score", ScoreAnnotations.NextSetId(inputSchema)).ToAnnotations(),
            outputs => (ValueGetter<float>)((ref float value) => value = outputs()[0])),
    ];
}
