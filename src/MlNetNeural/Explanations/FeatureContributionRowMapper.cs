using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetNeural.Core.Attribution;
using MlNetNeural.Data;
using MlNetNeural.Scoring;

namespace MlNetNeural.Explanations;

/// <summary>
/// Maps rows to the same rows plus the contribution column: a vector as long as the feature column, with its slot names.
/// Each row is attributed once, on first read of the column, with the integration points of the row as one batch
/// through the network; the buffers belong to the cursor, so reading a row allocates nothing.
/// </summary>
internal sealed class FeatureContributionRowMapper : NetworkRowMapper
{
    private readonly MlpFeatureContributionTransformer _owner;

    public FeatureContributionRowMapper(MlpFeatureContributionTransformer owner, DataViewSchema inputSchema)
        : base(owner.Model.Network, owner.FeatureColumnName, inputSchema, [OutputColumn(owner, inputSchema)])
    {
        _owner = owner;
    }

    private static AppendedColumn OutputColumn(MlpFeatureContributionTransformer owner, DataViewSchema inputSchema)
    {
        var feature = SchemaChecks.Require(inputSchema, owner.FeatureColumnName, "feature");
        var annotations = new DataViewSchema.Annotations.Builder();
        annotations.Add(feature.Annotations, name => name == ScoreAnnotations.SlotNames);
        return new AppendedColumn(owner.OutputColumnName, new VectorDataViewType(NumberDataViewType.Single, owner.Model.FeatureCount), annotations.ToAnnotations());
    }

    public override DataViewRow GetRow(DataViewRow input, IEnumerable<DataViewSchema.Column> activeColumns) =>
        new ExplainedRow(this, input, ActiveOutputs(activeColumns));

    /// <summary>A row that passes the input columns through and attributes the current row once per position.</summary>
    private sealed class ExplainedRow : AppendedColumnsRow
    {
        private readonly FeatureContributionRowMapper _mapper;
        private readonly FeatureColumn.FeatureReader? _reader;
        private readonly FeatureAttributor? _attributor;
        private readonly ContributionSelection? _selection;
        private readonly float[] _features;
        private readonly float[] _contributions;
        private readonly int[] _explainedOutput = new int[1];
        private long _explainedPosition = -1;

        public ExplainedRow(FeatureContributionRowMapper mapper, DataViewRow input, bool[] active) : base(mapper, input, active)
        {
            _mapper = mapper;
            int features = mapper.Network.InputSize;
            _features = new float[features];
            _contributions = new float[features];
            if (!active[0]) return;
            var settings = mapper._owner.Settings;
            _reader = mapper.Feature.CreateReader(input);
            _attributor = new FeatureAttributor(mapper.Network, settings.Baseline, settings.Attribution);
            _selection = new ContributionSelection(features, settings.PositiveCount, settings.NegativeCount, settings.Normalize);
        }

        protected override Delegate CreateOutputGetter(int index, DataViewSchema.Column column) =>
            (ValueGetter<VBuffer<float>>)((ref VBuffer<float> value) => _selection!.Select(Explain(), ref value));

        private float[] Explain()
        {
            long position = Input.Position;
            if (position == _explainedPosition) return _contributions;
            _reader!.Read(_features, position);
            _mapper.CheckFinite(position, _features);
            int output = _mapper._owner.Settings.ExplainedOutput;
            if (output == ContributionSettings.PredictedOutput) _attributor!.PredictOutputs(_features, 1, _explainedOutput);
            else _explainedOutput[0] = output;
            _attributor!.Attribute(_features, 1, _explainedOutput, _contributions);
            _explainedPosition = position;
            return _contributions;
        }
    }
}
