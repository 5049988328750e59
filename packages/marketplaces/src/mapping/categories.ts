import type { Channel, ProductGroup } from '@ocop-sync/domain';

/** OCOP product group → leaf category id on one marketplace; `undefined` = never listed there. */
export type CategoryTable = Readonly<Record<ProductGroup, string | undefined>>;

/**
 * SANDBOX ids. Real leaf ids come from Shopee `v2.product.get_category`, Lazada `/category/tree/get`
 * (Vietnam venture) and Postmart `GET /v1/categories`, and change over time; production passes its own
 * table to `toListingDraft`. The sandboxes only seed food leaves ("Mật ong", "Đặc sản khô"; "Trà" needs a
 * shelf-life attribute the product schema does not carry), so every non-food group points at the dried
 * specialities leaf there. Community tourism is a service, never a parcel, so it has no category.
 */
export const sandboxCategories: Readonly<Record<Channel, CategoryTable>> = {
  shopee: {
    food: '100629',
    beverage: '100631',
    herbal: '100631',
    'textile-garment': '100631',
    'souvenir-furniture-decoration': '100631',
    'community-tourism': undefined,
  },
  lazada: {
    food: '10002019',
    beverage: '10002021',
    herbal: '10002021',
    'textile-garment': '10002021',
    'souvenir-furniture-decoration': '10002021',
    'community-tourism': undefined,
  },
  postmart: {
    food: 'PM-FOOD-HONEY',
    beverage: 'PM-FOOD-DRIED',
    herbal: 'PM-FOOD-DRIED',
    'textile-garment': 'PM-FOOD-DRIED',
    'souvenir-furniture-decoration': 'PM-FOOD-DRIED',
    'community-tourism': undefined,
  },
};
