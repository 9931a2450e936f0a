using Microsoft.ML;
using Microsoft.ML.Transforms;
using MlNetNeural.Core.Randomness;

namespace FineTuning;

/// <summary>
/// The transfer setting: a large labelled set of a related task (the digits 0-4) and a new task (the digits 5-9) of which
/// only a few images per class are labelled; the rest of the new digits are the test set. Every model reads the pixels
/// through one min-max normalizer fitted on the pretraining images, so a feature means the same to all of them (the
/// trainers' own input scaling, meant for tabular columns, is turned off for these pixels).
/// </summary>
public sealed class TransferData
{
    private readonly MLContext _ml;
    private readonly IReadOnlyList<DigitImage> _old;
    private readonly IReadOnlyList<DigitImage> _new;

    /// <summary>Splits <paramref name="digits"/> into the old and the new task and fits the normalizer on the old one.</summary>
    public TransferData(MLContext ml, IReadOnlyList<DigitImage> digits)
    {
        _ml = ml;
        _old = digits.Where(digit => string.CompareOrdinal(digit.Digit, "5") < 0).ToList();
        _new = digits.Where(digit => string.CompareOrdinal(digit.Digit, "5") >= 0).ToList();
        Normalizer = ml.Transforms.NormalizeMinMax("Features", nameof(DigitImage.Pixels)).Fit(ml.Data.LoadFromEnumerable(_old));
        Pretraining = Labelled(_old);
    }

    /// <summary>The pixels scaled to [0, 1] as "Features", fitted on the pretraining images.</summary>
    public ITransformer Normalizer { get; }

    /// <summary>The digits 0-4 with "Features" and a key "Label" over "0".."4".</summary>
    public IDataView Pretraining { get; }

    /// <summary>Images of the digits 0-4.</summary>
    public int PretrainingRows => _old.Count;

    /// <summary>Images of the digits 5-9.</summary>
    public int NewTaskRows => _new.Count;

    /// <summary>
    /// <paramref name="perClass"/> labelled images of each new digit, drawn with <paramref name="seed"/>, and every other
    /// image of the new digits as the test set; both with "Features" and a key "Label" over "5".."9".
    /// </summary>
    public (IDataView Train, IDataView Test) NewTask(int seed, int perClass)
    {
        var random = new DeterministicRandom((ulong)seed);
        var chosen = new HashSet<DigitImage>();
        foreach (var digit in _new.GroupBy(image => image.Digit).OrderBy(group => group.Key, StringComparer.Ordinal))
        {
            var images = digit.ToArray();
            int[] order = Enumerable.Range(0, images.Length).ToArray();
            random.Shuffle(order);
            chosen.UnionWith(order.Take(perClass).Select(i => images[i]));
        }
        return (Labelled(_new.Where(chosen.Contains).ToList()), Labelled(_new.Where(image => !chosen.Contains(image)).ToList()));
    }

    private IDataView Labelled(IReadOnlyList<DigitImage> images)
    {
        var data = _ml.Data.LoadFromEnumerable(images);
        var label = _ml.Transforms.Conversion.MapValueToKey("Label", nameof(DigitImage.Digit), keyOrdinality: ValueToKeyMappingEstimator.KeyOrdinality.ByValue);
        return _ml.Data.Cache(Normalizer.Transform(label.Fit(data).Transform(data)));
    }
}
