package org.shmalloc.lincheck;

import org.shmalloc.ShmAllocator;

/**
 * Sequential specification of {@link ShmOperations}: the {@link ArenaModel} in units with offset 0
 * (NULL) reserved, checking byte offsets the real run answered ({@link Answers}).
 */
public abstract class ShmSpec {

    private final ArenaShape shape;
    private final ArenaModel model;

    protected ShmSpec(ArenaShape shape) {
        this.shape = shape;
        this.model = new ArenaModel(shape.depth(), shape.blocks());
        model.reserve(0);
    }

    public Object malloc(int id, int sizeClass) {
        return allocation(id, sizeClass);
    }

    public Object calloc(int id, int count, int sizeClass) {
        long total = count * shape.callocElementBytes(count, sizeClass);
        return allocation(id, ArenaModel.classFor(total, shape.minExponent(), shape.depth()));
    }

    public Object free(int id, int k) {
        if (!(Answers.of(id) instanceof FreeAnswer answer)) {
            return new Illegal("free " + id + " gave no answer");
        }
        if (answer.at() == FreeAnswer.NOTHING) {
            return answer;
        }
        int result = model.release(answer.at() >>> shape.minExponent());
        return new FreeAnswer(answer.at(), result >= 0 ? FreeAnswer.RELEASED : FreeAnswer.REJECTED);
    }

    public Object usableSize(int id, int k) {
        if (!(Answers.of(id) instanceof LookupAnswer answer)) {
            return new Illegal("lookup " + id + " gave no answer");
        }
        if (answer.at() == LookupAnswer.NOTHING) {
            return answer;
        }
        int result = model.lookup(answer.at() >>> shape.minExponent());
        return new LookupAnswer(answer.at(), result >= 0 ? result : FreeAnswer.REJECTED);
    }

    private Object allocation(int id, int sizeClass) {
        if (!(Answers.of(id) instanceof Long offset)) {
            return new Illegal("allocation " + id + " answered " + Answers.of(id));
        }
        if (offset == ShmAllocator.NULL) {
            return sizeClass < 0 || !model.fits(sizeClass) ? offset : new Illegal("NULL although class " + sizeClass + " fits");
        }
        long unitMask = (1L << shape.minExponent()) - 1;
        if (sizeClass >= 0 && (offset & unitMask) == 0 && model.canPlace(offset >>> shape.minExponent(), sizeClass)) {
            model.place(offset >>> shape.minExponent(), sizeClass);
            return offset;
        }
        return new Illegal("class " + sizeClass + " cannot be placed at offset " + offset);
    }
}
