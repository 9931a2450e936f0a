using System.Numerics.Tensors;
using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetNeural.Core.Activations;

namespace MlNetNeural.Scoring;

/// <summary>
/// Multiclass: PredictedLabel (key over the training classes, with their names as KeyValues) and Score
/// (vector of class probabilities, with the class names as SlotNames and TrainingLabelValues).
/// </summary>
internal sealed class MulticlassHead(IReadOnlyList<string> classNames) : PredictionHead
{
    private const string Kind = "MulticlassClassification";

    public override IReadOnlyList<HeadColumn> Columns(DataViewSchema inputSchema)
    {
        uint setId = ScoreAnnotations.NextSetId(inputSchema);
        int classes = classNames.Count;
        var label = ScoreAnnotations.Start(Kind, "PredictedLabel", setId);
        ScoreAnnotations.AddNames(label, ScoreAnnotations.KeyValues, classNames);
        var score = ScoreAnnotations.Start(Kind, "Score", setId);
        ScoreAnnotations.AddNames(score, ScoreAnnotations.TrainingLabelValues, classNames);
        ScoreAnnotations.AddNames(score, ScoreAnnotations.SlotNames, classNames);
        return
        [
            new("PredictedLabel", new KeyDataViewType(typeof(uint), classes), label.ToAnnotations(),
                outputs => (ValueGetter<uint>)((ref uint value) => value = (uint)TensorPrimitives.IndexOfMax<float>(outputs()) + 1)),
            new("Score", new VectorDataViewType(NumberDataViewType.Single, classes), score.ToAnnotations(),
                outputs => (ValueGetter<VBuffer<float>>)((ref VBuffer<float> value) =>
                {
                    var editor = VBufferEditor.Create(ref value, classes);
                    Softmax.Compute(outputs(), editor.Values);
                    value = editor.Commit();
                })),
        ];
    }
}
