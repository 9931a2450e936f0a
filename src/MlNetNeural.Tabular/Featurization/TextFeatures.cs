using Microsoft.ML;
using Microsoft.ML.Data;

namespace MlNetNeural.Tabular;

/// <summary>
/// The featurization of one free-text column in a fixed number of slots: the text lower-cased (diacritics removed), its
/// words and word pairs counted into 2^<see cref="InferenceOptions.TextHashingBits"/> hashed slots and its character
/// trigrams into as many more, the whole vector scaled to unit length (L2), as <c>FeaturizeText</c> scales its n-grams.
/// <c>FeaturizeText</c> gives one slot per n-gram seen in training, so its width grows with the text: 22,742 names and
/// 5,525 department names took about 68,000 slots (the size of its model's first layer), and a network's dense first layer and LightGbm trained for minutes
/// on them (docs/cli.md, Limits). Hashing bounds the width whatever the table; distinct n-grams may share a slot.
/// </summary>
internal static class TextFeatures
{
    /// <summary>The slots one text column takes: 2^<paramref name="bits"/> for words and word pairs, as many for character trigrams.</summary>
    public static int Slots(int bits) => 2 << bits;

    /// <summary>
    /// The first text slot of featurized rows (the featurizer places text last), for the trainer's
    /// <c>PeriodicEmbeddingsSlotLimit</c>: text counts are not measurements to embed; null when the table has no free text.
    /// </summary>
    public static int? FirstSlot(IDataView featurized, TableInference inference)
    {
        int text = inference.OfKind(ColumnKind.Text).Count * Slots(inference.Options.TextHashingBits);
        return text == 0 ? null : ((VectorDataViewType)featurized.Schema[TabularFeaturizerOptions.DefaultFeatureColumnName].Type).Size - text;
    }

    /// <summary>The steps that turn text column <paramref name="input"/> into the vector <paramref name="output"/> of <see cref="Slots"/> values.</summary>
    public static IEnumerable<IEstimator<ITransformer>> Steps(MLContext ml, FreshNames names, string input, string output, int bits)
    {
        string normalized = names.Next(input + ".Normalized");
        string words = names.Next(input + ".Words");
        string characters = names.Next(input + ".Characters");
        string trigrams = names.Next(input + ".Trigrams");
        yield return ml.Transforms.Text.NormalizeText(normalized, input, keepDiacritics: false);
        yield return ml.Transforms.Text.ProduceHashedWordBags(words, normalized, numberOfBits: bits, ngramLength: 2, useAllLengths: true);
        yield return ml.Transforms.Text.TokenizeIntoCharactersAsKeys(characters, normalized);
        yield return ml.Transforms.Text.ProduceHashedNgrams(trigrams, characters, numberOfBits: bits, ngramLength: 3, useAllLengths: false);
        yield return ml.Transforms.Concatenate(output, words, trigrams);
        yield return ml.Transforms.NormalizeLpNorm(output);
    }
}
