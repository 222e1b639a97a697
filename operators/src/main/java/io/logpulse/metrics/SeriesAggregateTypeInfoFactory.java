package io.logpulse.metrics;

import java.lang.reflect.Type;
import java.util.Map;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/** Tells Flink's type extraction to use {@link SeriesAggregateSerializer}. */
public final class SeriesAggregateTypeInfoFactory extends TypeInfoFactory<SeriesAggregate> {

  @Override
  public TypeInformation<SeriesAggregate> createTypeInfo(
      Type type, Map<String, TypeInformation<?>> genericParameters) {
    return TYPE;
  }

  /** The type information of {@link SeriesAggregate}. */
  public static final TypeInformation<SeriesAggregate> TYPE = new SeriesAggregateTypeInfo();

  private static final class SeriesAggregateTypeInfo extends TypeInformation<SeriesAggregate> {
    @Override
    public boolean isBasicType() {
      return false;
    }

    @Override
    public boolean isTupleType() {
      return false;
    }

    @Override
    public int getArity() {
      return 1;
    }

    @Override
    public int getTotalFields() {
      return 1;
    }

    @Override
    public Class<SeriesAggregate> getTypeClass() {
      return SeriesAggregate.class;
    }

    @Override
    public boolean isKeyType() {
      return false;
    }

    @Override
    public TypeSerializer<SeriesAggregate> createSerializer(SerializerConfig config) {
      return SeriesAggregateSerializer.INSTANCE;
    }

    @Override
    public String toString() {
      return "SeriesAggregate";
    }

    @Override
    public boolean equals(Object obj) {
      return obj instanceof SeriesAggregateTypeInfo;
    }

    @Override
    public int hashCode() {
      return SeriesAggregate.class.hashCode();
    }

    @Override
    public boolean canEqual(Object obj) {
      return obj instanceof SeriesAggregateTypeInfo;
    }
  }
}
